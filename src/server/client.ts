// src/server/: the MMBatch server: its client (this file), its Cognito settings, which server a command talks to.
// The MMBatch Management Server's REST API (../shared/mmbatch-api.md): HTTPS with its self-signed
// certificate through --ca-cert, a timeout on every call, and its own error message surfaced.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { ServerError, UsageError } from '../errors.js';
import { redact } from '../redact.js';

export interface ServerConnection {
  url: string;
  caCertFile?: string;
  insecure?: boolean;
  timeoutMs?: number;
  verbose?: (line: string) => void;
}

export interface ServerResponse {
  status: number;
  body: string;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * MMBATCH_AUTH_SERVER_TIMEOUT: seconds (decimals allowed) each server call may take, from connecting
 * to the last byte of the answer. A server behind a slow VPN may need more than the default 15 s.
 */
export function serverTimeoutMs(env: NodeJS.ProcessEnv): number {
  const given = env.MMBATCH_AUTH_SERVER_TIMEOUT;
  if (given === undefined || given === '') return DEFAULT_TIMEOUT_MS;
  const seconds = Number(given);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) {
    throw new UsageError(`invalid MMBATCH_AUTH_SERVER_TIMEOUT '${given}'`, { hint: 'seconds, e.g. 30 or 2.5' });
  }
  return Math.round(seconds * 1000);
}

export class MmbatchServerClient {
  private readonly ca?: string[];

  constructor(private readonly connection: ServerConnection) {
    if (connection.caCertFile) {
      let pem: string;
      try {
        pem = readFileSync(connection.caCertFile, 'utf8');
      } catch {
        throw new UsageError(`cannot read the CA certificate file '${connection.caCertFile}'`);
      }
      if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
        throw new UsageError(`'${connection.caCertFile}' is not a PEM certificate`);
      }
      // Trust the server's own certificate in addition to the public roots, not instead of them.
      this.ca = [...rootCertificates, pem];
    }
  }

  get url(): string {
    return this.connection.url;
  }

  /** One HTTP exchange. Transport failures become ServerError; HTTP statuses are returned as they are. */
  async send(method: string, path: string, options: { body?: unknown; bearer?: string } = {}): Promise<ServerResponse> {
    const url = new URL(`${this.connection.url}${path}`);
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (payload !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(payload));
    }
    if (options.bearer) headers.Authorization = `Bearer ${options.bearer}`;
    const timeoutMs = this.connection.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const started = Date.now();
    this.connection.verbose?.(
      `→ server ${method} ${url.pathname}${options.body === undefined ? '' : ` ${JSON.stringify(redact(options.body))}`}`,
    );
    const response = await new Promise<ServerResponse>((resolve, reject) => {
      let settled = false;
      const fail = (error: NodeJS.ErrnoException) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        reject(transportError(error, url, timeoutMs));
      };
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(
        url,
        {
          method,
          headers,
          ca: this.ca,
          rejectUnauthorized: !this.connection.insecure,
          timeout: timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            if (settled) return;
            settled = true;
            clearTimeout(deadline);
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
          });
          res.on('error', fail);
          // A connection cut mid-answer ends the response without 'end' (and, on some Node versions, without 'error').
          res.on('close', () => fail(Object.assign(new Error('the connection closed mid-answer'), { code: 'ECONNRESET' })));
        },
      );
      // One deadline for the whole exchange: the socket's idle timeout alone would let a server
      // that trickles its answer (or a proxy that holds the connection) keep us waiting forever.
      const timedOut = () => {
        const error = Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' });
        fail(error);
        req.destroy(error);
      };
      const deadline = setTimeout(timedOut, timeoutMs);
      req.on('timeout', timedOut);
      req.on('error', fail);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
    this.connection.verbose?.(`← server ${method} ${url.pathname} ${response.status} (${Date.now() - started} ms)`);
    return response;
  }

  /** Like send, but a 4xx/5xx or a body that is not JSON is a ServerError carrying the server's message. */
  async json<T>(method: string, path: string, options: { body?: unknown; bearer?: string } = {}): Promise<T> {
    const response = await this.send(method, path, options);
    if (response.status < 200 || response.status >= 300) throw statusError(method, path, response);
    if (response.body.trim() === '') return undefined as T;
    try {
      return JSON.parse(response.body) as T;
    } catch {
      throw new ServerError(`the server's answer to ${method} ${path} is not JSON`, response.status, {
        hint: `is ${this.connection.url} an MMBatch Management Server?`,
      });
    }
  }
}

export function statusError(method: string, path: string, response: ServerResponse): ServerError {
  const message = serverMessage(response.body);
  const hint =
    response.status === 401
      ? 'the server needs an admin token: run `mmbatch-auth login` or pass the admin password'
      : response.status === 403
        ? 'the token is valid but its user is not in one of the server\'s admin groups'
        : undefined;
  return new ServerError(
    `the server refused ${method} ${path}: ${response.status}${message ? ` ${message}` : ''}`,
    response.status,
    { hint },
  );
}

function serverMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: string; error?: string; errorCode?: number };
    const text = parsed.message ?? parsed.error;
    if (text) return parsed.errorCode ? `${text} (error ${parsed.errorCode})` : text;
  } catch {
    // not JSON: show a short, single-line excerpt
  }
  return body.replace(/\s+/g, ' ').trim().slice(0, 200);
}

function transportError(error: NodeJS.ErrnoException, url: URL, timeoutMs: number): ServerError {
  const where = url.origin;
  if (error.code === 'ETIMEDOUT') {
    return new ServerError(`the server at ${where} did not answer within ${formatSeconds(timeoutMs)}`, undefined, {
      hint: 'check that the server is up; MMBATCH_AUTH_SERVER_TIMEOUT sets the limit in seconds',
      cause: error,
    });
  }
  const tls = /certificate|self[- ]signed|SSL|TLS/i.test(`${error.code} ${error.message}`);
  if (tls) {
    return new ServerError(`cannot verify the TLS certificate of ${where}: ${error.message}`, undefined, {
      hint: 'pass the server certificate with --ca-cert <file> (or NODE_EXTRA_CA_CERTS)',
      cause: error,
    });
  }
  return new ServerError(`cannot reach the server at ${where}: ${error.code ?? error.message}`, undefined, {
    hint: 'check --server / MMBATCH_SERVER',
    cause: error,
  });
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
