// The three SDK clients, built once per run with the user's region, profile and endpoint, sharing
// one keep-alive agent, logging each call under --verbose (secrets redacted) and mapping errors.
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import { IAMClient } from '@aws-sdk/client-iam';
import { toAwsError } from './errors.js';
import { redact } from '../redact.js';
import { AwsConfigError, UsageError } from '../errors.js';
import { validateRegion } from '../validate.js';

// The SDK warns about Node 20's support window on first use; that notice is not the user's concern.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export interface AwsSettings {
  region?: string;
  profile?: string;
  endpointUrl?: string;
  verbose?: (line: string) => void;
  /** Tests and benchmarks count calls; production passes nothing. */
  onCall?: (service: string, operation: string) => void;
  maxAttempts?: number;
}

export interface AwsClients {
  region: string;
  idp: CognitoIdentityProviderClient;
  identity: CognitoIdentityClient;
  iam: IAMClient;
}

interface MiddlewareClient {
  middlewareStack: {
    add: (middleware: unknown, options: { step: 'initialize'; name: string; priority?: 'high' | 'low' }) => void;
  };
}

function instrument(client: MiddlewareClient, service: string, settings: AwsSettings): void {
  client.middlewareStack.add(
    (next: (args: { input: unknown }) => Promise<unknown>, context: { commandName?: string }) =>
      async (args: { input: unknown }) => {
        const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
        const started = Date.now();
        settings.verbose?.(`→ ${service} ${operation} ${JSON.stringify(redact(args.input))}`);
        try {
          const result = await next(args);
          settings.verbose?.(`← ${service} ${operation} ok (${Date.now() - started} ms)`);
          return result;
        } catch (error) {
          const mapped = toAwsError(error, service, operation);
          settings.verbose?.(`← ${service} ${operation} failed (${Date.now() - started} ms): ${mapped.message}`);
          throw mapped;
        }
      },
    { step: 'initialize', name: 'mmbatchAuthCalls', priority: 'high' },
  );
}

export async function resolveRegion(settings: AwsSettings, env: NodeJS.ProcessEnv): Promise<string> {
  const explicit = settings.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (explicit) return validateRegion(explicit);
  // Fall back to the profile's region, read the SDK's own way (shared config file).
  const probe = new CognitoIdentityProviderClient({ profile: settings.profile });
  try {
    return validateRegion(await probe.config.region());
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new AwsConfigError('no AWS region: pass --region or set AWS_REGION', {
      hint: 'or set a region in the profile (aws configure set region us-east-1)',
    });
  } finally {
    probe.destroy();
  }
}

export async function createAwsClients(settings: AwsSettings, env: NodeJS.ProcessEnv = process.env): Promise<AwsClients> {
  const region = await resolveRegion(settings, env);
  // One keep-alive agent per protocol, shared by the three clients: emulators put them all on one
  // endpoint, and on AWS each service host keeps its own pooled sockets inside the agent.
  const requestHandler = {
    httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 16 }),
    httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: 16 }),
    connectionTimeout: 5_000,
    requestTimeout: 30_000,
  };
  const common = {
    region,
    profile: settings.profile,
    endpoint: settings.endpointUrl,
    requestHandler,
    // Throttling and 5xx are retried by the SDK's standard strategy (exponential backoff, jitter).
    maxAttempts: settings.maxAttempts ?? 5,
    retryMode: 'standard',
  };
  const idp = new CognitoIdentityProviderClient(common);
  const identity = new CognitoIdentityClient(common);
  const iam = new IAMClient({ ...common, region: iamSigningRegion(region) });
  instrument(idp as unknown as MiddlewareClient, 'cognito-idp', settings);
  instrument(identity as unknown as MiddlewareClient, 'cognito-identity', settings);
  instrument(iam as unknown as MiddlewareClient, 'iam', settings);
  return { region, idp, identity, iam };
}

/** IAM is a global service signed in us-east-1 (aws-us-gov-west-1 and cn-north-1 in their partitions). */
function iamSigningRegion(region: string): string {
  if (region.startsWith('us-gov-')) return 'us-gov-west-1';
  if (region.startsWith('cn-')) return 'cn-north-1';
  return 'us-east-1';
}
