// src/server/: the MMBatch server: its client (this file), its Cognito settings, which server (connect.ts), its TLS (tls.ts).
// The MMBatch Management Server's REST API (../shared/mmbatch-api.md): HTTPS with its self-signed
// certificate (--ca-cert, or the one trusted on first use and kept in the setup's record), a
// deadline on every call, answers read with a cap, and its own error message surfaced, cleaned of
// anything a terminal would act on.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Writable } from 'node:stream';
import { NetworkError, ServerError, UsageError, type MmbatchAuthError } from '../errors.js';
import { keepSecret, keepSecretsOf, redact, redactText } from '../redact.js';
import { fingerprintOfPem, probeCertificate, trustStore } from './tls.js';
import { printable } from './printable.js';

export interface ServerConnection {
  url: string;
  /** PEM certificates trusted for this server besides Node's own store. */
  caPem?: string;
  /** Where caPem came from: --ca-cert, or the setup's record (trusted on first use: a change is refused loudly). */
  caSource?: 'flag' | 'record';
  insecure?: boolean;
  timeoutMs?: number;
  verbose?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
  /** The setup this server belongs to, for the commands hints name. */
  setupName?: string;
}

export interface ServerResponse {
  status: number;
  body: string;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
/** An answer longer than this is not one the MMBatch API gives: refused (exit 4), never held whole. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

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

  constructor(readonly connection: ServerConnection) {
    // The server's own certificate is trusted in addition to the public roots, not instead of them.
    this.ca = trustStore(connection.caPem, connection.env ?? {});
  }

  get url(): string {
    return this.connection.url;
  }

  get insecure(): boolean {
    return Boolean(this.connection.insecure);
  }

  /** The certificate trusted for this server besides Node's store, and where it came from. */
  get trust(): { pem?: string; source?: 'flag' | 'record' } {
    return { pem: this.connection.caPem, source: this.connection.caSource };
  }

  /** What a setup's record keeps of this server: its URL, and the certificate trusted for it (given, or trusted on first use). */
  recordEntry(): { url: string; caCert?: string } {
    return { url: this.connection.url, ...(this.connection.caPem ? { caCert: this.connection.caPem } : {}) };
  }

  /**
   * One HTTP exchange. Transport failures become ServerError; HTTP statuses are returned as they are.
   * `sink`: for a 2xx answer, where its body goes as it arrives (api), instead of being held (at most MAX_BODY_BYTES).
   */
  async send(method: string, path: string, options: { body?: unknown; bearer?: string; sink?: Writable } = {}): Promise<ServerResponse> {
    try {
      return await this.exchange(method, path, options);
    } catch (error) {
      throw await this.explainTls(error);
    }
  }

  private async exchange(method: string, path: string, options: { body?: unknown; bearer?: string; sink?: Writable }): Promise<ServerResponse> {
    const url = new URL(`${this.connection.url}${path}`);
    // A server (or a proxy before it) that echoes the request must not get its secrets shown.
    keepSecretsOf(options.body);
    keepSecret(options.bearer);
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
      const finish = (error: Error | undefined, value?: ServerResponse) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        if (error) reject(error);
        else resolve(value!);
      };
      // A change whose request went out whole and whose answer never came may have been carried out.
      let sent = false;
      const fail = (error: NodeJS.ErrnoException) => finish(transportError(error, url, timeoutMs, sent && method !== 'GET' ? `${method} ${path}` : undefined));
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
          const status = res.statusCode ?? 0;
          const tooLarge = () => {
            finish(
              new ServerError(`the server's answer to ${method} ${path} is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB`, status, {
                hint: `is ${this.connection.url} an MMBatch Management Server?`,
              }),
            );
            req.destroy();
          };
          const sink = status >= 200 && status < 300 ? options.sink : undefined;
          if (!sink && Number(res.headers['content-length']) > MAX_BODY_BYTES) return tooLarge();
          const chunks: Buffer[] = [];
          let length = 0;
          res.on('data', (chunk: Buffer) => {
            if (sink) {
              // Backpressure: a slow reader (a pipe to `less`) slows the download, memory stays flat.
              if (!sink.write(chunk)) {
                res.pause();
                sink.once('drain', () => res.resume());
              }
              return;
            }
            length += chunk.length;
            if (length > MAX_BODY_BYTES) return tooLarge();
            chunks.push(chunk);
          });
          res.on('end', () => finish(undefined, { status, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', fail);
          // A connection cut mid-answer ends the response without 'end' (and, on some Node versions, without 'error').
          res.on('close', () => fail(Object.assign(new Error('the connection closed mid-answer'), { code: 'ECONNRESET' })));
        },
      );
      // One deadline for the whole exchange: the socket's idle timeout alone would let a server
      // that trickles its answer (or a proxy that holds the connection) keep us waiting forever.
      // A streamed answer (api) may take longer: only silence ends it then.
      const timedOut = () => {
        const error = Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' });
        fail(error);
        req.destroy(error);
      };
      const deadline = options.sink ? undefined : setTimeout(timedOut, timeoutMs);
      req.on('timeout', timedOut);
      req.on('error', fail);
      req.on('finish', () => (sent = true));
      if (payload !== undefined) req.write(payload);
      req.end();
    });
    this.connection.verbose?.(`← server ${method} ${url.pathname} ${response.status} (${Date.now() - started} ms)`);
    return response;
  }

  /** A certificate kept in the record that no longer matches is said loudly, with both fingerprints (as ssh does). */
  private async explainTls(error: unknown): Promise<unknown> {
    if (!(error instanceof TlsVerifyError) || this.connection.caSource !== 'record') return error;
    try {
      const presented = await probeCertificate(this.connection.url, this.ca, this.connection.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      return certificateChangedError(this.connection.url, fingerprintOfPem(this.connection.caPem!) ?? '?', presented.fingerprint, this.connection.setupName);
    } catch {
      return error;
    }
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

/**
 * The server's own words, on one line, without anything a terminal would act on (escapes, controls),
 * and without secrets: an error body may echo the request (PUT /security/cognito carries accessKey,
 * secretKey and token), so its values are hidden by key, and any held secret in its text.
 */
function serverMessage(body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    // not JSON: show a short, single-line excerpt
  }
  if (parsed && typeof parsed === 'object') {
    const { message, error, errorCode } = parsed as { message?: unknown; error?: unknown; errorCode?: unknown };
    const text = typeof message === 'string' ? message : typeof error === 'string' ? error : undefined;
    if (text) {
      const line = printable(redactText(text)).slice(0, 500);
      return typeof errorCode === 'number' ? `${line} (error ${errorCode})` : line;
    }
    body = JSON.stringify(redact(parsed));
  }
  return printable(redactText(body.slice(0, 8000))).slice(0, 200);
}

/** The server's certificate failed verification (self-signed, unknown CA, wrong host name). */
export class TlsVerifyError extends ServerError {}

export function certificateChangedError(url: string, was: string, now: string, setupName?: string): ServerError {
  return new ServerError(`the TLS certificate of ${new URL(url).origin} has CHANGED since it was trusted: it was ${was}, it is now ${now}`, undefined, {
    hint: `if the server's certificate was replaced on purpose (ask its admin), trust the new one: mmbatch-auth setup${setupName ? ` --name ${setupName}` : ''} --trust-fingerprint ${now}`,
  });
}

/**
 * No answer at all (refused, reset, DNS, timeout, a TLS handshake that fails) is the network's
 * failure, exit 1; only a certificate we cannot trust stays the server's (exit 4, with its hint).
 */
function transportError(error: NodeJS.ErrnoException, url: URL, timeoutMs: number, unanswered?: string): MmbatchAuthError {
  const where = url.origin;
  if (unanswered && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) {
    return new NetworkError(`the connection to the server at ${where} was lost after ${unanswered} was sent: it may have been carried out`, {
      hint: 'see what the server has now with `mmbatch-auth server status` (setup reads it again before it changes anything)',
      cause: error,
    });
  }
  if (error.code === 'ETIMEDOUT') {
    return new NetworkError(`the server at ${where} did not answer within ${formatSeconds(timeoutMs)}`, {
      hint: 'check that the server is up; MMBATCH_AUTH_SERVER_TIMEOUT sets the limit in seconds',
      cause: error,
    });
  }
  const tls = /certificate|self[- ]signed|CERT_/i.test(`${error.code} ${error.message}`);
  if (tls) {
    return new TlsVerifyError(`cannot verify the TLS certificate of ${where}: ${error.message}`, undefined, {
      hint: 'pass the server certificate with --ca-cert <file> (or NODE_EXTRA_CA_CERTS), or trust it once with `mmbatch-auth setup`',
      cause: error,
    });
  }
  return new NetworkError(`cannot reach the server at ${where}: ${error.code ?? error.message}`, {
    hint: 'check --server / MMBATCH_SERVER',
    cause: error,
  });
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
