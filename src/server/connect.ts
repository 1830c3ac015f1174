// The MMBatch server a command talks to: --server, else MMBATCH_SERVER, else the one the setup's
// record names; its TLS trusted through --ca-cert, NODE_EXTRA_CA_CERTS, or the certificate the
// record keeps (trusted on first use by setup, as ssh keeps a host key); --insecure warns; and
// MMBATCH_AUTH_SERVER_TIMEOUT for its deadline.
import type { Context } from '../cli/context.js';
import { validateServerUrl } from '../validate.js';
import { MmbatchServerClient, serverTimeoutMs } from './client.js';
import { readCaCertFile } from './tls.js';
import { warnIfPlainHttp } from '../plainHttp.js';

export interface ServerOptions {
  server?: string;
  caCert?: string;
  insecure?: boolean;
}

/** What a setup's record says of its server: where it is, and the certificate trusted for it. */
export interface RecordedServer {
  name?: string;
  serverUrl?: string;
  serverCaCert?: string;
}

export const sameServer = (a: string | undefined, b: string | undefined) => Boolean(a && b && a.replace(/\/+$/, '') === b.replace(/\/+$/, ''));

export function serverClientFrom(ctx: Context, options: ServerOptions, recorded: RecordedServer = {}): MmbatchServerClient | undefined {
  const raw = options.server ?? (ctx.env.MMBATCH_SERVER || undefined) ?? recorded.serverUrl;
  if (!raw) return undefined;
  const url = validateServerUrl(raw);
  const timeoutMs = serverTimeoutMs(ctx.env);
  const caPem = options.caCert ? readCaCertFile(options.caCert) : sameServer(url, recorded.serverUrl) ? recorded.serverCaCert : undefined;
  const caSource = options.caCert ? 'flag' : caPem ? 'record' : undefined;
  warnIfPlainHttp(ctx.log.warn, new URL(url), 'MMBatch server');
  if (options.insecure) ctx.log.warn('--insecure: the server certificate is not verified; anyone on the path can read the tokens');
  return new MmbatchServerClient({ url, caPem, caSource, insecure: options.insecure, timeoutMs, verbose: ctx.log.verbose, env: ctx.env, setupName: recorded.name });
}
