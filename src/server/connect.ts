// The MMBatch server a command talks to: --server, else MMBATCH_SERVER, else the one the settings
// file recorded; with --ca-cert / --insecure for its TLS and MMBATCH_AUTH_SERVER_TIMEOUT for its deadline.
import type { Context } from '../cli/context.js';
import { validateUrl } from '../validate.js';
import { MmbatchServerClient, serverTimeoutMs } from './client.js';

export interface ServerOptions {
  server?: string;
  caCert?: string;
  insecure?: boolean;
}

export function serverClientFrom(ctx: Context, options: ServerOptions, fallbackUrl?: string): MmbatchServerClient | undefined {
  const raw = options.server ?? ctx.env.MMBATCH_SERVER ?? fallbackUrl;
  if (!raw) return undefined;
  const url = validateUrl(raw, 'server URL');
  const timeoutMs = serverTimeoutMs(ctx.env);
  if (options.insecure) ctx.log.warn('--insecure: the server certificate is not verified; anyone on the path can read the tokens');
  return new MmbatchServerClient({ url, caCertFile: options.caCert, insecure: options.insecure, timeoutMs, verbose: ctx.log.verbose });
}
