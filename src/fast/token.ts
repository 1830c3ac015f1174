// src/fast/: the cached-token path, before any of the CLI loads: this entry, argv.ts, recordedTarget.ts.
// The cached `token` path (dist/fastToken.cjs, required first by bin/mmbatch-auth.cjs): decide from
// argv (argv.ts), the settings file (recordedTarget.ts) and one cache file whether a fresh token is
// at hand, and print it. Anything unusual returns false and the full CLI takes over, so this path
// may be incomplete but never different: it shares the flags, the target rules, the cache format
// and the output format with the full `token` command.
//
// It runs before the CLI is loaded and must stay light: node built-ins and a few small modules,
// never commander, the AWS SDK, chalk or node:crypto (the signature check that makes a cached
// token printable is auth/store/rs256.ts, for that reason). build.mjs keeps every dynamic import() (what
// only the full CLI loads) out of this bundle.
import { writeSync } from 'node:fs';
import { readCachedTokens, usableCachedTokens } from '../auth/store/tokenCache.js';
import { configuredEndpoints } from '../auth/store/jwks.js';
import { isPlainHttpUrl } from '../plainHttp.js';
import { readDiscovery } from '../auth/store/discoveryCache.js';
import { defaultUsername, planTarget, targetFromDiscovery } from '../auth/target.js';
import { formatTokenOutput } from '../commands/token/output.js';
import { parseFastTokenArgs } from './argv.js';
import { recordedTarget } from './recordedTarget.js';

export interface TextSink {
  write(text: string): unknown;
}

/**
 * stdout without process.stdout: creating that stream (net, stream, tty modules) costs a few
 * milliseconds this path cannot spare. A pipe or file takes a token in one write; should fd 1 be
 * non-blocking and full, the rest goes through process.stdout after all.
 */
export const stdoutSink: TextSink = {
  write(text) {
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    try {
      while (written < bytes.length) written += writeSync(1, bytes, written);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      process.stdout.write(bytes.subarray(written));
    }
  },
};

export interface FastTarget {
  args: Extract<ReturnType<typeof parseFastTokenArgs>, { kind: 'answer' }>['args'];
  username: string;
  /** The pool came from the discovery cache, not from the settings file or flags. */
  discovered: boolean;
  key: { region: string; userPoolId: string; clientId: string; username: string };
}

/** What the fast paths answer for: plain flags, a recorded or discovered target. Else undefined. */
export function fastTarget(argv: string[], env: NodeJS.ProcessEnv): FastTarget | undefined {
  const parsed = parseFastTokenArgs(argv);
  if (parsed.kind !== 'answer') return undefined;
  const { args } = parsed;
  const recorded = recordedTarget(args.config, args.name, env);
  if (!recorded) return undefined;
  const plan = planTarget(args, recorded, env);
  let target;
  const discovered = plan.kind === 'discover';
  if (plan.kind === 'pool') target = plan.target;
  else if (plan.kind === 'discover') {
    const found = readDiscovery(env, plan.serverUrl);
    if (!found) return undefined;
    target = targetFromDiscovery(found, args, env);
  } else return undefined;
  if (!target.region) return undefined;
  const username = defaultUsername(args.username, recorded, target, env);
  if (!username) return undefined;
  return { args, username, discovered, key: { region: target.region, userPoolId: target.userPoolId, clientId: target.clientId, username } };
}

export const tokenUse = (args: FastTarget['args']) => (args.json ? 'both' : args.idToken ? 'id' : 'access');

/**
 * Whether the lean sign-in (signIn.ts) may sign in for this run: SRP (`auto` or `srp`) with a
 * password at hand without a prompt, to a pool the settings file or flags name. A discovered pool
 * is the full CLI's: it asks the server again before a password goes anywhere. --insecure too: the
 * full CLI warns about it first.
 */
export function leanSignInAllowed(fast: FastTarget, env: NodeJS.ProcessEnv): boolean {
  const flow = fast.args.flow ?? 'auto';
  return !fast.discovered && !fast.args.insecure && (flow === 'auto' || flow === 'srp') && Boolean(fast.args.passwordStdin || env.MMBATCH_AUTH_PASSWORD);
}

/**
 * What the cached path found: a token printed, or which lean path (fresh.ts) may get one: `renew`
 * (a refresh token is kept) or `sign-in` (a password is at hand), with the target it found, so that
 * path need not read argv and the settings file again; else the full CLI's run.
 */
export type CachedOutcome = { next: 'printed' | 'full-cli' } | { next: 'renew' | 'sign-in'; target: FastTarget };

function cachedTokenOutput(argv: string[], env: NodeJS.ProcessEnv, now: number): { text: string } | CachedOutcome {
  try {
    const fast = fastTarget(argv, env);
    if (!fast) return { next: 'full-cli' };
    const cached = readCachedTokens(env, fast.key);
    const renewable = Boolean(cached?.refreshToken);
    // Verified before it is printed (signature against the kept JWKS, issuer, client, expiry).
    const endpoints = configuredEndpoints(env);
    if (usableCachedTokens(env, cached, now, { endpoints, use: tokenUse(fast.args) })) {
      return { text: formatTokenOutput(cached, fast.username, fast.args) };
    }
    // Plain http to another host: the full CLI warns before the refresh token or the SRP exchange goes out.
    if (endpoints.some(isPlainHttpUrl)) return { next: 'full-cli' };
    if (renewable) return { next: 'renew', target: fast };
    return leanSignInAllowed(fast, env) ? { next: 'sign-in', target: fast } : { next: 'full-cli' };
  } catch {
    return { next: 'full-cli' }; // unreadable files, bad JSON: the full CLI reports them properly
  }
}

/** Prints a fresh cached token (`printed`); else says which path goes on. */
export function printCachedTokenOr(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  out: TextSink = stdoutSink,
  now: number = Date.now(),
): CachedOutcome {
  const found = cachedTokenOutput(argv, env, now);
  if ('next' in found) return found;
  try {
    out.write(found.text);
  } catch {
    // The reader went away (EPIPE): nothing to tell it, and running the full CLI would not help.
  }
  return { next: 'printed' };
}

/** Prints a fresh cached token and returns true; returns false whenever another path must decide. */
export function printCachedToken(argv: string[], env: NodeJS.ProcessEnv = process.env, out: TextSink = stdoutSink, now: number = Date.now()): boolean {
  return printCachedTokenOr(argv, env, out, now).next === 'printed';
}
