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

const DEFAULT_TIMEOUT_MS = 15_000;

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
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', (error) => reject(transportError(error, url, timeoutMs)));
        },
      );
      req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
      req.on('error', (error) => reject(transportError(error, url, timeoutMs)));
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
    { hint, body: response.body },
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
    return new ServerError(`the server at ${where} did not answer within ${Math.round(timeoutMs / 1000)} s`, undefined, {
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
