// src/auth/: signing users in. session.ts (this), secrets.ts, target.ts; flows/ one file per
// sign-in flow, cognito/ the calls, store/ what is kept on disk, srp/ the SRP maths' fast path.
// Fresh tokens for `token`, `login`, `api` and the commands that change the server, the cheapest
// way first: a still-valid cached token (no AWS call), else the refresh token (one unsigned call),
// else a sign-in with the password (flows/). And the end of a session: `logout`'s revocation.
import type { Context } from '../cli/context.js';
import { AuthError, MissingValueError } from '../errors.js';
import { isAwsCode } from '../aws/errors.js';
import { credentialSources, type SecretOptions } from './secrets.js';
import { RefreshRejectedError, refreshTokens, refusedRefresh } from './flows/refresh.js';
import { signIn } from './flows/signIn.js';
import { takeHandedOverSignIn } from './flows/handedOver.js';
import type { Flow } from './flows/table.js';
import { openSignInCalls, type SignInCalls } from './cognito/calls.js';
import { resolveSignInTarget, type SignInTarget, type TargetOptions } from './target.js';
import { readCachedTokens, usableCachedTokens, type CacheKey } from './store/tokenCache.js';
import { lockSignIn, type SignInLock } from './store/signInLock.js';
import { configuredEndpoints } from './store/jwks.js';
import { keepTokens } from './store/jwksFetch.js';
import type { Tokens } from './store/tokens.js';

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
  /** Told when the sign-in set up an authenticator app (MFA_SETUP): `mfa enroll` then has nothing left to do. */
  onTotpEnrolled?: () => void;
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
  const sources = credentialSources(ctx, request);
  const secrets = request.onTotpEnrolled
    ? {
        ...sources,
        enrolAuthenticator: async (username: string, associate: () => Promise<string>) => {
          const code = await sources.enrolAuthenticator(username, associate);
          request.onTotpEnrolled!();
          return code;
        },
      }
    : sources;
  let cached = useCache && !request.forceSignIn ? readCachedTokens(ctx.env, key) : undefined;
  const endpoints = configuredEndpoints(ctx.env, ctx.globals.endpointUrl);
  // Verified (signature against the kept JWKS, issuer, client, expiry): an edited or planted file is a miss.
  const usable = (found: typeof cached) =>
    found && usableCachedTokens(ctx.env, found, ctx.now(), { endpoints, use: 'both' }) ? found : undefined;
  const fromCache = (found: NonNullable<typeof cached>): Session => {
    ctx.log.verbose(`  a cached token for ${target.username} is valid until ${new Date(found.expiresAt).toISOString()}`);
    return { target, tokens: found, source: 'cache' };
  };
  if (!request.distrustCachedAccessToken && usable(cached)) return fromCache(cached!);

  // A cold cache: one process signs in (or refreshes) for this key, the others wait and read what
  // it kept (store/signInLock.ts). login (forceSignIn) and api's retry after a 401 want their own.
  let lock: SignInLock | undefined;
  if (useCache && !request.forceSignIn && !request.distrustCachedAccessToken) {
    const outcome = await lockSignIn(ctx.env, key, () => usable(readCachedTokens(ctx.env, key)));
    if ('ready' in outcome) return fromCache(outcome.ready);
    lock = outcome.lock;
    // The last holder may have finished between our miss and our lock; its refresh token is the newest too.
    cached = readCachedTokens(ctx.env, key);
    if (usable(cached)) {
      lock.release();
      return fromCache(cached!);
    }
  }

  try {
    return await renewOrSignIn(ctx, request, { target, key, cached, endpoints, useCache, secrets });
  } finally {
    lock?.release();
  }
}

interface Renewal {
  target: SignInTarget;
  key: CacheKey;
  cached: Tokens | undefined;
  endpoints: string[];
  useCache: boolean;
  secrets: ReturnType<typeof credentialSources>;
}

async function renewOrSignIn(ctx: Context, request: SessionRequest, { target, key, cached, endpoints, useCache, secrets }: Renewal): Promise<Session> {
  const calls = await openSignInCalls(ctx, target.region);
  try {
    let rejected: RefreshRejectedError | undefined;
    const refusedEarlier = cached?.refreshToken ? refusedRefresh(cached.refreshToken) : undefined;
    if (refusedEarlier) rejected = refusedEarlier;
    else if (cached?.refreshToken) {
      try {
        const tokens = await refreshTokens(calls, { clientId: target.clientId, refreshToken: cached.refreshToken }, ctx.now);
        if (useCache) await keepTokens(ctx.env, key, tokens, endpoints, ctx.log.verbose);
        return { target, tokens, source: 'refresh' };
      } catch (error) {
        if (!(error instanceof RefreshRejectedError)) throw error;
        rejected = error;
        ctx.log.verbose('  the refresh token was refused; signing in with the password');
      }
    }
    // `login` asks for the password itself (secrets.ts explains what is missing).
    if (!secrets.hasPassword() && !request.forceSignIn) {
      if (rejected) throw rejected;
      throw new NotSignedInError(`not signed in as ${target.username}`, {
        hint: 'run `mmbatch-auth login` once, or pass the password with --password-stdin or MMBATCH_AUTH_PASSWORD',
      });
    }
    const tokens = await signIn(calls, target, request.flow ?? 'auto', secrets, ctx.now, ctx.log, takeHandedOverSignIn(key));
    if (useCache) await keepTokens(ctx.env, key, tokens, endpoints, ctx.log.verbose);
    return { target, tokens, source: 'sign-in' };
  } finally {
    calls.destroy();
  }
}

export interface AdminSessionRequest {
  userPoolId: string;
  clientId: string;
  username: string;
  passwordStdin?: boolean;
}

/**
 * An admin's access token for calls that change the server (server push/disable, teardown): the
 * same session as `token`, for a given pool and client.
 */
export async function adminAccessToken(ctx: Context, request: AdminSessionRequest): Promise<Tokens> {
  try {
    const { tokens } = await obtainSession(ctx, { ...request, flow: 'auto' });
    return tokens;
  } catch (error) {
    // Here the password is a required input of the command (exit 2), not a failed sign-in.
    if (error instanceof NotSignedInError) {
      throw new MissingValueError(`the password of ${request.username}`, '--password-stdin', 'MMBATCH_AUTH_PASSWORD');
    }
    throw error;
  }
}

export type RevokeOutcome = 'revoked' | 'already-invalid' | 'not-supported';

/**
 * RevokeToken: `logout` makes the refresh token useless everywhere, not just forgotten here. setup
 * creates the app client with token revocation on; an unsigned call, no AWS credentials needed.
 */
export async function revokeRefreshToken(calls: SignInCalls, input: { clientId: string; refreshToken: string }): Promise<RevokeOutcome> {
  try {
    await calls.revokeToken({ ClientId: input.clientId, Token: input.refreshToken });
    return 'revoked';
  } catch (error) {
    // An expired or already revoked token cannot be used anyway: logout's goal is met.
    if (error instanceof AuthError) return 'already-invalid';
    if (isAwsCode(error, 'UnsupportedOperationException', 'UnsupportedTokenTypeException')) return 'not-supported';
    throw error;
  }
}
