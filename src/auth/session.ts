// Fresh tokens for `token`, `login` and `api`, the cheapest way first: a still-valid cached token
// (no AWS call), else the refresh token (one unsigned call), else a sign-in with the password.
import type { Context } from '../context.js';
import { AuthError } from '../errors.js';
import { credentialSources, type SecretOptions } from './credentialSources.js';
import { RefreshRejectedError, refreshTokens } from './refresh.js';
import { signIn, type Flow } from './signIn.js';
import { openSignInCalls } from './signInClient.js';
import { resolveSignInTarget, type SignInTarget, type TargetOptions } from './signInTarget.js';
import { isFresh, readCachedTokens, writeCachedTokens } from './tokenCache.js';
import type { Tokens } from './tokens.js';

/** No cached or renewable token, and no password to sign in with. */
export class NotSignedInError extends AuthError {}

export interface SessionRequest extends TargetOptions, SecretOptions {
  flow?: Flow;
  /** false: --no-cache, neither read nor write anything under the cache folder. */
  cache?: boolean;
  /** login: always sign in with the password, then keep the new refresh token. */
  forceSignIn?: boolean;
  /** api after a 401: the cached access token was refused; renew it even though it looks fresh. */
  distrustCachedAccessToken?: boolean;
}

export interface Session {
  target: SignInTarget;
  tokens: Tokens;
  source: 'cache' | 'refresh' | 'sign-in';
}

export async function obtainSession(ctx: Context, request: SessionRequest): Promise<Session> {
  const useCache = request.cache !== false;
  const target = await resolveSignInTarget(ctx, request, { write: useCache });
  const key = { region: target.region, userPoolId: target.userPoolId, clientId: target.clientId, username: target.username };
  const secrets = credentialSources(ctx, request);
  const cached = useCache && !request.forceSignIn ? readCachedTokens(ctx.env, key) : undefined;
  if (cached && !request.distrustCachedAccessToken && isFresh(cached, ctx.now())) {
    ctx.log.verbose(`  a cached token for ${target.username} is valid until ${new Date(cached.expiresAt).toISOString()}`);
    return { target, tokens: cached, source: 'cache' };
  }

  const calls = await openSignInCalls(ctx, target.region);
  try {
    let rejected: RefreshRejectedError | undefined;
    if (cached?.refreshToken) {
      try {
        const tokens = await refreshTokens(calls, { clientId: target.clientId, refreshToken: cached.refreshToken }, ctx.now);
        if (useCache) writeCachedTokens(ctx.env, key, tokens);
        return { target, tokens, source: 'refresh' };
      } catch (error) {
        if (!(error instanceof RefreshRejectedError)) throw error;
        rejected = error;
        ctx.log.verbose('  the refresh token was refused; signing in with the password');
      }
    }
    // `login` asks for the password itself (credentialSources explains what is missing).
    if (!secrets.hasPassword() && !request.forceSignIn) {
      if (rejected) throw rejected;
      throw new NotSignedInError(`not signed in as ${target.username}`, {
        hint: 'run `mmbatch-auth login` once, or pass the password with --password-stdin or MMBATCH_AUTH_PASSWORD',
      });
    }
    const tokens = await signIn(calls, target, request.flow ?? 'auto', secrets, ctx.now, ctx.log);
    if (useCache) writeCachedTokens(ctx.env, key, tokens);
    return { target, tokens, source: 'sign-in' };
  } finally {
    calls.destroy();
  }
}
