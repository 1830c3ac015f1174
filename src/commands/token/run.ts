// `token`: print an access token for scripts: `curl -H "Authorization: Bearer $(mmbatch-auth token)"`.
// stdout carries the token and one newline, nothing else (or one JSON document under --json), so
// every message, prompt and error goes to stderr. A fresh cached token is normally printed by
// src/fast/ before this module is even loaded; this is the path for everything else.
import type { Context } from '../../cli/context.js';
import { obtainSession } from '../../auth/session.js';
import { formatTokenOutput } from './output.js';
import type { TokenOptions } from './spec.js';

export async function run(options: TokenOptions, ctx: Context): Promise<void> {
  const session = await obtainSession(ctx, options);
  ctx.io.out.write(formatTokenOutput(session.tokens, session.target.username, { json: ctx.globals.json, idToken: options.idToken }));
}
