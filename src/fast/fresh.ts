// The lean path for a token that is not in the cache (bin/mmbatch-auth.cjs, when dist/fastToken.cjs
// found none): the refresh token (renew.ts), else an SRP sign-in with a password from stdin or the
// environment (signIn.ts), under the same sign-in lock and into the same cache as the full CLI's
// session (src/auth/session.ts), with no commander, no help pages, no ESM loader and no CLI context
// on the way: about 100 ms of start-up before the first call.
//
// Two bundles run it: dist/freshToken.cjs (refreshEntry.ts) renews, and leaves a sign-in to
// dist/freshSignIn.cjs (signInEntry.ts), so a renewal never loads the SRP maths.
//
// It may be incomplete but never different. What it does not do (a discovered target, which the
// full CLI asks the server about before a password goes anywhere; --insecure; another flow; a
// prompt) makes it leave to the full CLI before any call, or hand over what it began (HandOver), and the
// full CLI, started in the same process, goes on from there. A failure it met itself is reported
// as the full CLI reports it (cli/report.ts), never met twice.
import { writeSync } from 'node:fs';
import { configuredEndpoints } from '../auth/store/jwks.js';
import { keepTokens } from '../auth/store/jwksFetch.js';
import { lockSignIn } from '../auth/store/signInLock.js';
import { readCachedTokens, usableCachedTokens } from '../auth/store/tokenCache.js';
import { resolveSignInEndpoint } from '../auth/cognito/endpoint.js';
import { CognitoJsonClient } from '../auth/cognito/jsonClient.js';
import { callPolicy, setUserAgentCommand } from '../aws/policy.js';
import { formatTokenOutput } from '../commands/token/output.js';
import { reportError } from '../cli/report.js';
import type { IO } from '../cli/io/streams.js';
import { isMmbatchAuthError } from '../errors.js';
import { leanSignInAllowed, stdoutSink, tokenUse, type FastTarget, type TextSink } from './token.js';
import { renewedTokens } from './renew.js';
import { holdLines, type leanSignIn } from './signIn.js';
import { refusedRefresh } from '../auth/flows/refresh.js';
import { HandOver } from './handOver.js';
import { nodeDebugPrintsRequests } from '../nodeDebug.js';

const quiet = () => undefined;
const stderrIO = { err: { write: (text: string) => writeSync(2, text) } } as unknown as IO;

/** printed (or the failure met reported, process.exitCode set); for the bundle that signs in; for the full CLI. */
export type FreshOutcome = 'done' | 'sign-in' | 'full-cli';

/**
 * Prints a renewed or freshly signed-in token, or reports the failure it met: 'done'. Without
 * `signIn` (the renewing bundle), a sign-in this path can make is 'sign-in': bin/ then runs the
 * bundle that has it. 'full-cli' whenever the full CLI must go on instead.
 */
export async function printFreshToken(
  argv: string[],
  fast: FastTarget,
  env: NodeJS.ProcessEnv = process.env,
  out: TextSink = stdoutSink,
  signIn?: typeof leanSignIn,
): Promise<FreshOutcome> {
  const held = holdLines();
  let json: CognitoJsonClient | undefined;
  let text: string;
  try {
    const { args, key } = fast;
    if (nodeDebugPrintsRequests(env)) return 'full-cli'; // Node would print the calls' headers: the full CLI warns first
    const flow = args.flow ?? 'auto';
    const canSignIn = leanSignInAllowed(fast, env);
    const cachedRefresh = readCachedTokens(env, key)?.refreshToken;
    // A refresh token refused in this run (by the renewing bundle) is not offered again.
    const renewable = Boolean(cachedRefresh && !refusedRefresh(cachedRefresh));
    if (!renewable && !canSignIn) return 'full-cli';
    if (!renewable && !signIn) return 'sign-in';
    const endpoint = resolveSignInEndpoint({ region: key.region }, env);
    if (!('url' in endpoint)) return 'full-cli';
    const endpoints = configuredEndpoints(env);
    const usable = () => {
      const found = readCachedTokens(env, key);
      return usableCachedTokens(env, found, Date.now(), { endpoints, use: tokenUse(args) }) ? found : undefined;
    };
    const outcome = await lockSignIn(env, key, usable);
    if ('ready' in outcome) text = formatTokenOutput(outcome.ready, fast.username, args);
    else {
      try {
        // The last holder may have finished between our miss and our lock; its refresh token is the newest too.
        const ready = usable();
        if (ready) text = formatTokenOutput(ready, fast.username, args);
        else {
          setUserAgentCommand('token');
          json = new CognitoJsonClient({ endpoint: endpoint.url, policy: callPolicy(env), verbose: quiet });
          const refreshToken = readCachedTokens(env, key)?.refreshToken;
          let tokens = refreshToken && !refusedRefresh(refreshToken) ? await renewedTokens(json, key.clientId, refreshToken) : undefined;
          if (!tokens) {
            // Refused: the password, if one is at hand here; else the full CLI says so (or prompts).
            if (!canSignIn) throw new HandOver('the refresh token was refused');
            if (!signIn) return 'sign-in';
            tokens = await signIn(json, { ...args, key, flow: flow as 'auto' | 'srp' }, env, held);
          }
          await keepTokens(env, key, tokens, endpoints, quiet);
          text = formatTokenOutput(tokens, fast.username, args);
        }
      } finally {
        outcome.lock.release();
      }
    }
  } catch (error) {
    // Anything unforeseen is the full CLI's too: it reports it properly.
    if (error instanceof HandOver || !isMmbatchAuthError(error)) return 'full-cli';
    held.print();
    process.exitCode = reportError(error, stderrIO, false);
    return 'done';
  } finally {
    json?.destroy();
  }
  held.print();
  try {
    out.write(text);
  } catch {
    // the reader went away (EPIPE)
  }
  return 'done';
}
