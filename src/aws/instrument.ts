// Every SDK client we build goes through this: each call logged under --verbose (secrets
// redacted), each retried attempt too, SDK errors turned into our typed errors, and after an
// access denial nothing else is sent. Free of SDK imports, so any client factory can use it.
import { toAwsError } from './errors.js';
import { keepSecret, keepSecretsOf, redact } from '../redact.js';
import { AwsAccessDeniedError, type MmbatchAuthError } from '../errors.js';
import { retryDelayBase } from './policy.js';
import { warnIfPlainHttp, type UrlParts } from '../plainHttp.js';

export interface InstrumentSettings {
  verbose?: (line: string) => void;
  /** Told once when a request is about to go over plain http to another host. */
  warn?: (line: string) => void;
  /** Tests and benchmarks count calls; production passes nothing. */
  onCall?: (service: string, operation: string) => void;
}

export interface MiddlewareClient {
  middlewareStack: {
    add: (
      middleware: unknown,
      options: { step: 'initialize' | 'finalizeRequest'; name: string; priority?: 'high' | 'low' },
    ) => void;
  };
}

/** Shared by the three clients of one run: after an access denial, nothing else is sent. */
export interface RunState {
  halted?: MmbatchAuthError;
  /** How many undos are under way (AwsClients.undoing): their calls go out despite a halt. */
  undoing?: number;
}

export function instrument(client: MiddlewareClient, service: string, settings: InstrumentSettings, state: RunState = {}): void {
  client.middlewareStack.add(
    (next: (args: { input: unknown }) => Promise<unknown>, context: { commandName?: string }) =>
      async (args: { input: unknown }) => {
        const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
        // A denied permission will not be granted mid-run: stop at once rather than let other
        // branches of the run go on changing things the operator will have to reason about.
        if (state.halted && !state.undoing) throw state.halted;
        settings.onCall?.(service, operation);
        const started = Date.now();
        // Held before it leaves, and what comes back: an endpoint whose error echoes a request must not show its secrets.
        keepSecretsOf(args.input);
        settings.verbose?.(`→ ${service} ${operation} ${JSON.stringify(redact(args.input))}`);
        try {
          const result = await next(args);
          keepSecretsOf((result as { output?: unknown })?.output);
          const attempts = (result as { output?: { $metadata?: { attempts?: number } } })?.output?.$metadata?.attempts ?? 1;
          settings.verbose?.(`← ${service} ${operation} ok (${Date.now() - started} ms${attempts > 1 ? `, ${attempts} attempts` : ''})`);
          return result;
        } catch (error) {
          const mapped = toAwsError(error, service, operation);
          if (mapped instanceof AwsAccessDeniedError) state.halted ??= mapped;
          settings.verbose?.(`← ${service} ${operation} failed (${Date.now() - started} ms): ${mapped.message}`);
          throw mapped;
        }
      },
    { step: 'initialize', name: 'mmbatchAuthCalls', priority: 'high' },
  );
  // Inside the SDK's retry loop: each failed attempt, so --verbose shows throttling being waited out.
  // Here the request's URL is final (a profile's endpoint_url included): plain http to another host is told before it leaves.
  client.middlewareStack.add(
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
      const request = (args as { request?: UrlParts & { port?: number } }).request;
      // The credentials this request is signed with (a session token travels in a header a gateway may echo).
      const identity = (context as { __smithy_context?: { selectedHttpAuthScheme?: { identity?: { secretAccessKey?: string; sessionToken?: string } } } })
        .__smithy_context?.selectedHttpAuthScheme?.identity;
      keepSecret(identity?.secretAccessKey);
      keepSecret(identity?.sessionToken);
      if (settings.warn && request?.protocol) warnIfPlainHttp(settings.warn, request, 'AWS endpoint');
      try {
        return await next(args);
      } catch (error) {
        const e = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
        const status = e?.$metadata?.httpStatusCode;
        // Only what may be retried; an answer such as "not found" is logged once, by the call itself.
        if (status === undefined || retryDelayBase({ status, code: e?.name }) !== undefined) {
          const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
          settings.verbose?.(`  ${service} ${operation} attempt failed: ${e?.name ?? 'Error'}${status ? ` (HTTP ${status})` : ''}`);
        }
        throw error;
      }
    },
    { step: 'finalizeRequest', name: 'mmbatchAuthAttempts', priority: 'low' },
  );
}

