// An admin's access token for calls that change the server: a fresh cached one if there is one,
// else a sign-in with the password from stdin or MMBATCH_AUTH_PASSWORD.
import type { Context } from '../context.js';
import { MissingValueError } from '../errors.js';
import { readPasswordFromStdin } from '../setup/inputs.js';
import { adminPasswordAuth } from './adminPasswordAuth.js';
import { isFresh, readCachedTokens, writeCachedTokens } from './tokenCache.js';
import type { Tokens } from './tokens.js';

export interface AdminSessionRequest {
  userPoolId: string;
  clientId: string;
  username: string;
  passwordStdin?: boolean;
}

export async function adminAccessToken(ctx: Context, request: AdminSessionRequest): Promise<Tokens> {
  const { idp, region } = await ctx.aws();
  const key = { region, userPoolId: request.userPoolId, clientId: request.clientId, username: request.username };
  const cached = readCachedTokens(ctx.env, key);
  if (cached && isFresh(cached, ctx.now()) && !request.passwordStdin) return cached;
  let password = request.passwordStdin ? await readPasswordFromStdin(ctx, '--password-stdin') : ctx.env.MMBATCH_AUTH_PASSWORD;
  if (!password && ctx.interactive) password = await ctx.prompter.password({ message: `Password for ${request.username}:` });
  if (!password) throw new MissingValueError(`the password of ${request.username}`, '--password-stdin', 'MMBATCH_AUTH_PASSWORD');
  const tokens = await adminPasswordAuth(idp, { userPoolId: request.userPoolId, clientId: request.clientId, username: request.username, password }, ctx.now);
  writeCachedTokens(ctx.env, key, tokens);
  return tokens;
}
