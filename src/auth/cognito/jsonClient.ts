// A small client for the Cognito calls a user's sign-in makes: InitiateAuth (SRP, password and
// refresh-token flows), RespondToAuthChallenge and RevokeToken. Cognito serves them unsigned (no AWS
// credentials), as awsJson1_1 POSTs: a JSON body, `X-Amz-Target: AWSCognitoIdentityProviderService.<Op>`.
//
// Why not the AWS SDK: its client and middleware (13 bundle files, about 225 KB) put the first call
// of a fresh `token` some 50 ms later than this does, and scripts run `token` in loops. Why not
// fetch: Node loads undici on first use, about 25 ms, against 3 ms for node:http. This does, for
// these calls, what the SDK does for the others: a keep-alive agent, and the one call policy of
// aws/policy.ts (attempts, AWS_MAX_ATTEMPTS, jittered waits, timeouts, user agent); each call logged
// under --verbose with secrets redacted, and errors mapped to our typed errors (toAwsError: a wrong
// password is an AuthError, exit 3). Anything else (signed calls, exotic endpoints) stays with the
// SDK: see calls.ts.
import type { Agent, ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import { toAwsError } from '../../aws/errors.js';
import { backoffDelay, retryDelayBase, type CallPolicy } from '../../aws/policy.js';
import type { MmbatchAuthError } from '../../errors.js';
import { keepSecretsOf, redact } from '../../redact.js';
import type { UnsignedOperation } from './calls.js';

export interface CognitoJsonClientOptions {
  /** Where to POST: Cognito's regional endpoint or a configured one (endpoint.ts). */
  endpoint: URL;
  /** Attempts, timeouts and user agent: the same as every SDK client's (aws/policy.ts). */
  policy: CallPolicy;
  verbose: (line: string) => void;
  /** Waits between attempts; tests pass one that does not sleep. */
  sleep?: (ms: number) => Promise<void>;
}

/** An error answer from Cognito, shaped as toAwsError expects an SDK exception: `name` is the AWS code. */
export class CognitoServiceError extends Error {
  readonly $metadata: { httpStatusCode: number };
  constructor(code: string, message: string, status: number) {
    super(message);
    this.name = code;
    this.$metadata = { httpStatusCode: status };
  }
}

const SERVICE = 'cognito-idp';
/**
 * Cognito's sign-in answers are a few KiB (three tokens, a challenge); what goes beyond this is a
 * broken proxy or a hostile endpoint, and is not held in memory to find out.
 */
const MAX_ANSWER_BYTES = 1024 * 1024;
const TARGET_PREFIX = 'AWSCognitoIdentityProviderService';

interface Response {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

/** node:http or node:https, whichever the endpoint needs, with its keep-alive agent. */
interface Transport {
  request: (options: RequestOptions, onResponse: (response: IncomingMessage) => void) => ClientRequest;
  agent: Agent;
}

/** Only the endpoint's protocol is loaded: node:https brings node:tls, which an http emulator never needs. */
async function openTransport(endpoint: URL): Promise<Transport> {
  const http = endpoint.protocol === 'https:' ? await import('node:https') : await import('node:http');
  return { request: http.request, agent: new http.Agent({ keepAlive: true }) };
}

export class CognitoJsonClient {
  private transport?: Promise<Transport>;
  private readonly path: string;
  private readonly policy: CallPolicy;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: CognitoJsonClientOptions) {
    // As the SDK joins them: the endpoint's path, without its trailing slash, then "/".
    this.path = `${options.endpoint.pathname.replace(/\/$/, '')}/`;
    this.policy = options.policy;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /**
   * One operation, retried when that may help; resolves to Cognito's JSON answer, or throws our
   * typed error. `sent` is called when the first attempt's request has been handed to the OS (its
   * 'finish'), so a caller can do other work while the answer is on its way.
   */
  async call<T>(operation: UnsignedOperation, input: object, sent?: () => void): Promise<T> {
    const { verbose } = this.options;
    const started = Date.now();
    // Held before it leaves: an endpoint whose error echoes the request must not show its SRP_A or password.
    keepSecretsOf(input);
    verbose(`→ ${SERVICE} ${operation} ${JSON.stringify(redact(input))}`);
    const body = JSON.stringify(input);
    for (let attempt = 1; ; attempt++) {
      let failure: unknown;
      try {
        const response = await this.post(operation, body, attempt === 1 ? sent : undefined);
        if (response.status >= 200 && response.status < 300) {
          const answer = parseAnswer(response, operation);
          keepSecretsOf(answer);
          verbose(`← ${SERVICE} ${operation} ok (${Date.now() - started} ms${attempt > 1 ? `, ${attempt} attempts` : ''})`);
          return answer as T;
        }
        failure = serviceError(response);
      } catch (error) {
        failure = error;
      }
      const delayBase = retryDelayBase(classify(failure));
      if (delayBase === undefined || attempt >= this.policy.maxAttempts) {
        const mapped: MmbatchAuthError = toAwsError(failure, SERVICE, operation);
        verbose(`← ${SERVICE} ${operation} failed (${Date.now() - started} ms): ${mapped.message}`);
        throw mapped;
      }
      verbose(`  ${SERVICE} ${operation} attempt failed: ${describe(failure)}`);
      await this.sleep(backoffDelay(attempt - 1, delayBase));
    }
  }

  /** Closes the kept-alive connections, so the process exits without waiting for them to time out. */
  destroy(): void {
    void this.transport?.then(({ agent }) => agent.destroy()).catch(() => undefined);
  }

  private async post(operation: UnsignedOperation, body: string, sent?: () => void): Promise<Response> {
    const { endpoint } = this.options;
    const { request: send, agent } = await (this.transport ??= openTransport(endpoint));
    return new Promise((resolve, reject) => {
      const request = send(
        {
          protocol: endpoint.protocol,
          hostname: endpoint.hostname.replace(/^\[|\]$/g, ''), // an IPv6 literal without its brackets
          port: endpoint.port || undefined,
          path: this.path,
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/x-amz-json-1.1',
            'x-amz-target': `${TARGET_PREFIX}.${operation}`,
            'content-length': Buffer.byteLength(body),
            'user-agent': this.policy.userAgent,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_ANSWER_BYTES) {
              request.destroy();
              reject(new CognitoServiceError('InvalidResponse', `the answer to ${operation} is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MiB`, response.statusCode ?? 0));
              return;
            }
            chunks.push(chunk);
          });
          response.on('error', reject);
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }),
          );
        },
      );
      request.on('error', reject);
      // A new connection must be made within connectTimeoutMs (a reused kept-alive one already is).
      const { connectTimeoutMs, requestTimeoutMs } = this.policy;
      request.on('socket', (socket) => {
        if (!socket.connecting) return;
        const timer = setTimeout(() => request.destroy(timeoutError('connecting', connectTimeoutMs)), connectTimeoutMs);
        socket.once('connect', () => clearTimeout(timer));
        socket.once('close', () => clearTimeout(timer));
      });
      request.setTimeout(requestTimeoutMs, () => request.destroy(timeoutError('waiting for the answer', requestTimeoutMs)));
      if (sent) request.once('finish', sent);
      request.end(body);
    });
  }
}

function timeoutError(what: string, ms: number): NodeJS.ErrnoException {
  return Object.assign(new Error(`timed out ${what} after ${ms} ms`), { code: 'ETIMEDOUT' });
}

function parseAnswer(response: Response, operation: string): unknown {
  if (!response.body.trim()) return {}; // RevokeToken answers with an empty object, some proxies with nothing
  try {
    return JSON.parse(response.body);
  } catch {
    throw new CognitoServiceError('InvalidResponse', `the answer to ${operation} (HTTP ${response.status}) is not JSON`, response.status);
  }
}

/**
 * An error answer, read as the SDK reads awsJson errors: the code from the x-amzn-ErrorType header,
 * else the body's `code` or `__type`, each trimmed of any namespace (`aws.foo#Code`) and suffix
 * (`Code:http://...`); the message from the body's `message` or `Message`.
 */
function serviceError(response: Response): CognitoServiceError {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(response.body);
    if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
  } catch {
    // not JSON (a proxy's page, say): the status has to do
  }
  const header = response.headers['x-amzn-errortype'];
  const raw = (Array.isArray(header) ? header[0] : header) ?? body.code ?? body.Code ?? body.__type;
  const code = raw === undefined ? `HTTP${response.status}` : sanitizeErrorCode(String(raw));
  const message = body.message ?? body.Message ?? (response.body.trim().split('\n')[0].slice(0, 200) || `HTTP ${response.status}`);
  return new CognitoServiceError(code || 'UnknownError', String(message), response.status);
}

function sanitizeErrorCode(raw: string): string {
  let code = raw.split(',')[0].split(':')[0];
  if (code.includes('#')) code = code.split('#')[1];
  return code.trim();
}

/** A failure as the retry policy reads it: an answer's status and code, or a network error's errno. */
function classify(failure: unknown): { status?: number; code?: string; errno?: string } {
  if (failure instanceof CognitoServiceError) return { status: failure.$metadata.httpStatusCode, code: failure.name };
  return { errno: (failure as NodeJS.ErrnoException)?.code };
}

function describe(failure: unknown): string {
  if (failure instanceof CognitoServiceError) return `${failure.name} (HTTP ${failure.$metadata.httpStatusCode})`;
  return (failure as NodeJS.ErrnoException)?.code ?? String(failure);
}
