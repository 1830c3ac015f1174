// A small client for the Cognito calls a user's sign-in makes: InitiateAuth (SRP, password and
// refresh-token flows), RespondToAuthChallenge and RevokeToken. Cognito serves them unsigned (no AWS
// credentials), as awsJson1_1 POSTs: a JSON body, `X-Amz-Target: AWSCognitoIdentityProviderService.<Op>`.
//
// Why not the AWS SDK: its client and middleware (13 bundle files, about 225 KB) put the first call
// of a fresh `token` some 50 ms later than this does, and scripts run `token` in loops. Why not
// fetch: Node loads undici on first use, about 25 ms, against 3 ms for node:http. This does, for
// these calls, what the SDK did for them here: a keep-alive agent, connection and request timeouts,
// throttling and 5xx retried with jittered backoff, each call logged under --verbose with secrets
// redacted, and errors mapped to our typed errors (toAwsError: a wrong password is an AuthError,
// exit 3). Anything else (signed calls, exotic endpoints) stays with the SDK: see signInClient.ts.
import type { Agent, ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import { toAwsError } from '../aws/errors.js';
import type { MmbatchAuthError } from '../errors.js';
import { redact } from '../redact.js';
import { VERSION } from '../version.js';
import type { UnsignedOperation } from './signInCalls.js';

export interface CognitoJsonClientOptions {
  /** Where to POST: Cognito's regional endpoint or a configured one (signInEndpoint.ts). */
  endpoint: URL;
  verbose: (line: string) => void;
  /** Attempts per call, the first included; the SDK client here used 3. */
  maxAttempts?: number;
  connectTimeoutMs?: number;
  /** Longest silence on the socket once the request is sent. */
  requestTimeoutMs?: number;
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
const TARGET_PREFIX = 'AWSCognitoIdentityProviderService';
/** The SDK's retry bases: short for transient failures, longer for throttling. */
const TRANSIENT_DELAY_BASE_MS = 100;
const THROTTLING_DELAY_BASE_MS = 500;
const MAX_DELAY_MS = 5_000;
const THROTTLING = /Throttl|TooManyRequests|LimitExceeded|SlowDown/;
/** Failures before any answer that a new attempt may cure (a kept-alive socket the server had closed, ...). */
const RETRIABLE_NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);

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
  private readonly maxAttempts: number;
  private readonly connectTimeoutMs: number;
  private readonly requestTimeoutMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: CognitoJsonClientOptions) {
    // As the SDK joins them: the endpoint's path, without its trailing slash, then "/".
    this.path = `${options.endpoint.pathname.replace(/\/$/, '')}/`;
    this.maxAttempts = options.maxAttempts ?? 3;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** One operation, retried when that may help; resolves to Cognito's JSON answer, or throws our typed error. */
  async call<T>(operation: UnsignedOperation, input: object): Promise<T> {
    const { verbose } = this.options;
    const started = Date.now();
    verbose(`→ ${SERVICE} ${operation} ${JSON.stringify(redact(input))}`);
    const body = JSON.stringify(input);
    for (let attempt = 1; ; attempt++) {
      let failure: unknown;
      try {
        const response = await this.post(operation, body);
        if (response.status >= 200 && response.status < 300) {
          const answer = parseAnswer(response, operation);
          verbose(`← ${SERVICE} ${operation} ok (${Date.now() - started} ms${attempt > 1 ? `, ${attempt} attempts` : ''})`);
          return answer as T;
        }
        failure = serviceError(response);
      } catch (error) {
        failure = error;
      }
      const delayBase = retryDelayBase(failure);
      if (delayBase === undefined || attempt >= this.maxAttempts) {
        const mapped: MmbatchAuthError = toAwsError(failure, SERVICE, operation);
        verbose(`← ${SERVICE} ${operation} failed (${Date.now() - started} ms): ${mapped.message}`);
        throw mapped;
      }
      verbose(`  ${SERVICE} ${operation} attempt failed: ${describe(failure)}`);
      // Full jitter, as the SDK's standard retry strategy: a random wait up to an exponential cap.
      await this.sleep(Math.floor(Math.random() * Math.min(delayBase * 2 ** (attempt - 1), MAX_DELAY_MS)));
    }
  }

  /** Closes the kept-alive connections, so the process exits without waiting for them to time out. */
  destroy(): void {
    void this.transport?.then(({ agent }) => agent.destroy()).catch(() => undefined);
  }

  private async post(operation: UnsignedOperation, body: string): Promise<Response> {
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
            'user-agent': `mmbatch-auth/${VERSION}`,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }),
          );
        },
      );
      request.on('error', reject);
      // A new connection must be made within connectTimeoutMs (a reused kept-alive one already is).
      request.on('socket', (socket) => {
        if (!socket.connecting) return;
        const timer = setTimeout(() => request.destroy(timeoutError('connecting', this.connectTimeoutMs)), this.connectTimeoutMs);
        socket.once('connect', () => clearTimeout(timer));
        socket.once('close', () => clearTimeout(timer));
      });
      request.setTimeout(this.requestTimeoutMs, () => request.destroy(timeoutError('waiting for the answer', this.requestTimeoutMs)));
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

/** The wait base when the failure is worth another attempt; undefined when it is not (a wrong password, ...). */
function retryDelayBase(failure: unknown): number | undefined {
  if (failure instanceof CognitoServiceError) {
    const status = failure.$metadata.httpStatusCode;
    if (status === 429 || THROTTLING.test(failure.name)) return THROTTLING_DELAY_BASE_MS;
    if (status >= 500) return TRANSIENT_DELAY_BASE_MS;
    return undefined;
  }
  const code = (failure as NodeJS.ErrnoException)?.code;
  return code && RETRIABLE_NETWORK_CODES.has(code) ? TRANSIENT_DELAY_BASE_MS : undefined;
}

function describe(failure: unknown): string {
  if (failure instanceof CognitoServiceError) return `${failure.name} (HTTP ${failure.$metadata.httpStatusCode})`;
  return (failure as NodeJS.ErrnoException)?.code ?? String(failure);
}
