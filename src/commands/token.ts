// `token`: print an access token for scripts: `curl -H "Authorization: Bearer $(mmbatch-auth token)"`.
// stdout carries the token and one newline, nothing else (or one JSON document under --json), so
// every message, prompt and error goes to stderr. A fresh cached token is normally printed by
// src/fastToken.ts before this module is even loaded; this is the path for everything else.
import type { Context } from '../context.js';
import { obtainSession } from '../auth/session.js';
import type { Flow } from '../auth/signIn.js';
import type { TargetOptions } from '../auth/signInTarget.js';
import type { SecretOptions } from '../auth/credentialSources.js';
import { formatTokenOutput } from '../auth/tokenOutput.js';

/** Where to sign in (flags, settings file, server), with which secrets, and how to print. */
export interface TokenOptions extends TargetOptions, SecretOptions {
  flow?: Flow;
  idToken?: boolean;
  /** commander's --no-cache: false when given. */
  cache?: boolean;
}

export async function run(options: TokenOptions, ctx: Context): Promise<void> {
  const session = await obtainSession(ctx, { ...options, cache: options.cache !== false });
  ctx.io.out.write(formatTokenOutput(session.tokens, session.target.username, { json: ctx.globals.json, idToken: options.idToken }));
}
