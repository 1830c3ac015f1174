// The refresh path (dist/freshToken.cjs, required by bin/mmbatch-auth.cjs when the cached path
// found no usable token): the cached record's refresh token, one InitiateAuth REFRESH_TOKEN_AUTH
// through our JSON client, the new tokens kept and printed, with no commander, no help pages and
// no ESM loader on the way (about 100 ms of the full CLI's start-up before its first call).
//
// The same rules as the full CLI's session (src/auth/session.ts): the same target (fastTarget),
// the same sign-in lock for the cache key, the same keepTokens. Anything else (no refresh token,
// an endpoint only the SDK reaches, a refused refresh, any error) returns false before printing,
// and the full CLI decides (told of a refused refresh: flows/refresh.ts noteRefusedRefresh).
import { configuredEndpoints } from '../auth/store/jwks.js';
import { keepTokens } from '../auth/store/jwksFetch.js';
import { lockSignIn } from '../auth/store/signInLock.js';
import { readCachedTokens, usableCachedTokens } from '../auth/store/tokenCache.js';
import { resolveSignInEndpoint } from '../auth/cognito/endpoint.js';
import { CognitoJsonClient } from '../auth/cognito/jsonClient.js';
import type { AuthAnswer, SignInCalls } from '../auth/cognito/calls.js';
import { noteRefusedRefresh, RefreshRejectedError, refreshTokens } from '../auth/flows/refresh.js';
import { callPolicy } from '../aws/policy.js';
import { formatTokenOutput } from '../commands/token/output.js';
import { fastTarget, stdoutSink, tokenUse, type TextSink } from './token.js';

const quiet = () => undefined;

/** Renews the cached token by its refresh token and prints it: true; false whenever the full CLI must decide. */
export async function printRenewedToken(argv: string[], env: NodeJS.ProcessEnv = process.env, out: TextSink = stdoutSink): Promise<boolean> {
  let text: string | undefined;
  try {
    const fast = fastTarget(argv, env);
    if (!fast || !readCachedTokens(env, fast.key)?.refreshToken) return false;
    const endpoints = configuredEndpoints(env);
    const usable = () => {
      const found = readCachedTokens(env, fast.key);
      return usableCachedTokens(env, found, Date.now(), { endpoints, use: tokenUse(fast.args) }) ? found : undefined;
    };
    const endpoint = resolveSignInEndpoint({ region: fast.key.region }, env);
    if (!('url' in endpoint)) return false;
    const outcome = await lockSignIn(env, fast.key, usable);
    if ('ready' in outcome) text = formatTokenOutput(outcome.ready, fast.username, fast.args);
    else {
      try {
        const ready = usable();
        const cached = readCachedTokens(env, fast.key);
        if (ready) text = formatTokenOutput(ready, fast.username, fast.args);
        else if (cached?.refreshToken) {
          const json = new CognitoJsonClient({ endpoint: endpoint.url, policy: callPolicy(env), verbose: quiet });
          try {
            const calls = { initiateAuth: (input) => json.call<AuthAnswer>('InitiateAuth', input) } as Pick<SignInCalls, 'initiateAuth'> as SignInCalls;
            let tokens;
            try {
              tokens = await refreshTokens(calls, { clientId: fast.key.clientId, refreshToken: cached.refreshToken }, Date.now);
            } catch (error) {
              // The full CLI takes over (the password, or `login`'s hint) without asking again.
              if (error instanceof RefreshRejectedError) noteRefusedRefresh(cached.refreshToken, error);
              throw error;
            }
            await keepTokens(env, fast.key, tokens, endpoints, quiet);
            text = formatTokenOutput(tokens, fast.username, fast.args);
          } finally {
            json.destroy();
          }
        }
      } finally {
        outcome.lock.release();
      }
    }
  } catch {
    return false; // a refused refresh, a network error, a damaged file: the full CLI reports it properly
  }
  if (text === undefined) return false;
  try {
    out.write(text);
  } catch {
    // the reader went away (EPIPE)
  }
  return true;
}
