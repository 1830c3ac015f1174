// Which user pool, app client, region and user a sign-in is for: flags, then the settings file,
// then the MMBatch server (discovery). The rules (planTarget, targetFromDiscovery, defaultUsername)
// are pure, with no I/O and no SDK, so the cached-token fast path and the full CLI pick the same
// cache file. resolveSignInTarget adds what only the full CLI may do: ask the server, ask the AWS
// profile for a region, prompt for a username, and explain what is missing.
//
// The server's client (and with it node:https and node:tls) is loaded only when discovery is
// needed, the SDK only when the region must come from the AWS profile.
import type { Context } from '../cli/context.js';
import { requireValue } from '../cli/context.js';
import { ServerError, UsageError } from '../errors.js';
import type { MmbatchServerClient } from '../server/client.js';
import { validateClientId, validateRegion, validateUserPoolId, regionOfUserPoolId } from '../validate.js';
import type { CacheKey } from './store/tokenCache.js';
import { selectSetup, selectSetupIfClear } from '../config/selectedSetup.js';
import { discoveryFile, readDiscovery, writeDiscovery } from './store/discoveryCache.js';
import { AuthError } from '../errors.js';

export interface TargetFlags {
  userPoolId?: string;
  clientId?: string;
  /** The global --region. */
  region?: string;
  /** --server; MMBATCH_SERVER is read from the environment. */
  server?: string;
}

/** The parts of the settings file these rules read. */
export interface RecordedTarget {
  region?: string;
  userPoolId?: string;
  clientId?: string;
  serverUrl?: string;
  adminUsername?: string;
}

export interface PoolTarget {
  userPoolId: string;
  clientId: string;
  /** Undefined when nothing local names it: the full CLI then asks the AWS profile. */
  region?: string;
  from: 'flags' | 'settings' | 'server';
}

export type TargetPlan =
  | { kind: 'pool'; target: PoolTarget }
  | { kind: 'discover'; serverUrl: string }
  | { kind: 'none' }
  /** The flags name half a target (a pool without its client): the full CLI explains. */
  | { kind: 'incomplete'; missing: '--client-id' | '--user-pool-id' };

/** Same normalisation as validateUrl, without its errors (the fast path must never throw). */
export function normaliseServerUrl(url: string): string {
  return url.replace(/\/+$/, '');
}

function envRegion(env: NodeJS.ProcessEnv): string | undefined {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
}

export function planTarget(flags: TargetFlags, recorded: RecordedTarget, env: NodeJS.ProcessEnv): TargetPlan {
  const server = flags.server ?? (env.MMBATCH_SERVER || undefined);
  const serverUrl = server ? normaliseServerUrl(server) : undefined;

  if (flags.userPoolId || flags.clientId) {
    // A client belongs to one pool: only complete a half-given pair from the settings when they agree.
    let userPoolId = flags.userPoolId;
    let clientId = flags.clientId;
    if (userPoolId && !clientId && recorded.userPoolId === userPoolId) clientId = recorded.clientId;
    if (!userPoolId && clientId) userPoolId = recorded.userPoolId;
    if (!userPoolId) return { kind: 'incomplete', missing: '--user-pool-id' };
    if (!clientId) return { kind: 'incomplete', missing: '--client-id' };
    const region =
      flags.region ??
      regionOfUserPoolId(userPoolId) ??
      (recorded.userPoolId === userPoolId ? recorded.region : undefined) ??
      envRegion(env);
    return { kind: 'pool', target: { userPoolId, clientId, region, from: 'flags' } };
  }

  // The settings file, unless it belongs to another server than the one named now.
  const recordedMatchesServer =
    !serverUrl || !recorded.serverUrl || normaliseServerUrl(recorded.serverUrl) === serverUrl;
  if (recorded.userPoolId && recorded.clientId && recordedMatchesServer) {
    const region = flags.region ?? recorded.region ?? regionOfUserPoolId(recorded.userPoolId) ?? envRegion(env);
    return {
      kind: 'pool',
      target: { userPoolId: recorded.userPoolId, clientId: recorded.clientId, region, from: 'settings' },
    };
  }
  if (serverUrl) return { kind: 'discover', serverUrl };
  return { kind: 'none' };
}

/** What the server said (or what we remembered it said). */
export interface DiscoveredTarget {
  region?: string;
  userPoolId: string;
  clientId: string;
  /** The identity pool the server names (aws-credentials uses it). */
  identityPoolId?: string;
}

export function targetFromDiscovery(found: DiscoveredTarget, flags: TargetFlags, env: NodeJS.ProcessEnv): PoolTarget {
  const region = flags.region ?? (found.region || undefined) ?? regionOfUserPoolId(found.userPoolId) ?? envRegion(env);
  return { userPoolId: found.userPoolId, clientId: found.clientId, region, from: 'server' };
}

/** The username: --username, MMBATCH_AUTH_USERNAME, else the settings file's admin when it is this pool's. */
export function defaultUsername(
  flag: string | undefined,
  recorded: RecordedTarget,
  target: Pick<PoolTarget, 'userPoolId'>,
  env: NodeJS.ProcessEnv,
): string | undefined {
  const given = flag ?? (env.MMBATCH_AUTH_USERNAME || undefined);
  if (given !== undefined) return given.trim() || undefined;
  if (recorded.adminUsername && (!recorded.userPoolId || recorded.userPoolId === target.userPoolId)) {
    return recorded.adminUsername;
  }
  return undefined;
}

/** Where a sign-in's target may come from, besides the settings file. */
export interface TargetOptions {
  /** --name: which setup's record names the pool, client and user. */
  name?: string;
  userPoolId?: string;
  clientId?: string;
  server?: string;
  caCert?: string;
  insecure?: boolean;
  username?: string;
  /** A server client the command already built (api), so --insecure warns once. */
  serverClient?: MmbatchServerClient;
}

export interface SignInTarget extends CacheKey {
  from: PoolTarget['from'];
  /** The identity pool that goes with the pool: the setup's record's, or the server's. */
  identityPoolId?: string;
}

export async function resolveSignInTarget(ctx: Context, options: TargetOptions, cache: { write: boolean }): Promise<SignInTarget> {
  // The setup's record, when the choice of setup is clear (flags may name the pool and client instead).
  const selected = selectSetupIfClear(ctx.settings, options.name, ctx.env)?.view;
  // Several setups and no choice: only flags outrank the settings file, so without them the record
  // decides (the pool, the admin), and guessing past it (to MMBATCH_SERVER) would trust and pin a
  // server's pool before failing. Name the setups (this throws) before any call or write.
  if (!selected && !options.userPoolId && !options.clientId) selectSetup(ctx.settings, options.name, ctx.env, false);
  const recorded: RecordedTarget = selected ?? {};
  const flags = { userPoolId: options.userPoolId, clientId: options.clientId, region: ctx.globals.region, server: options.server };
  const plan = planTarget(flags, recorded, ctx.env);
  let target: PoolTarget;
  let identityPoolId = plan.kind === 'pool' && recorded.userPoolId === plan.target.userPoolId ? (recorded as { identityPoolId?: string }).identityPoolId : undefined;
  switch (plan.kind) {
    case 'pool':
      target = plan.target;
      break;
    case 'incomplete':
      throw new UsageError(`${plan.missing} is required with ${plan.missing === '--client-id' ? '--user-pool-id' : '--client-id'}`, {
        hint: 'an app client belongs to one user pool: pass both, or neither to use the settings file or the server',
      });
    case 'discover': {
      const { serverClientFrom } = await import('../server/connect.js');
      const server =
        options.serverClient?.url === plan.serverUrl
          ? options.serverClient
          : serverClientFrom(ctx, { server: plan.serverUrl, caCert: options.caCert, insecure: options.insecure }, selected)!;
      const found = await discoverTarget(server);
      await checkPinnedPool(ctx, server.url, found, Boolean(options.insecure), cache.write);
      target = targetFromDiscovery(found, flags, ctx.env);
      identityPoolId = found.identityPoolId;
      break;
    }
    case 'none':
      throw new UsageError('no user pool to sign in to', {
        hint: 'pass --server <url> (or set MMBATCH_SERVER), or --user-pool-id and --client-id, or run `mmbatch-auth setup` first',
      });
  }
  validateUserPoolId(target.userPoolId);
  validateClientId(target.clientId);
  const region = target.region ? validateRegion(target.region) : await profileRegion(ctx);
  const username = await requireValue(ctx, {
    what: 'the username',
    flag: '--username',
    env: 'MMBATCH_AUTH_USERNAME',
    value: defaultUsername(options.username, recorded, target, ctx.env),
    prompt: 'Username (e-mail):',
  });
  return { region, userPoolId: target.userPoolId, clientId: target.clientId, username: username.trim(), from: target.from, ...(identityPoolId ? { identityPoolId } : {}) };
}

/**
 * An answer over plain http:// or with --insecure proves nothing about who sent it, and it decides
 * where the password goes: the pool it names is remembered on first use (with one warning), and a
 * later answer naming another pool or client is refused (exit 3, both pools named) unless the user
 * confirms on a terminal, as ssh does with a changed host key. Over verified TLS the server is
 * authenticated: its answer is simply remembered.
 */
async function checkPinnedPool(ctx: Context, serverUrl: string, found: DiscoveredTarget, insecure: boolean, write: boolean): Promise<void> {
  const unverified = serverUrl.startsWith('http://') ? 'plain http://' : insecure ? '--insecure' : undefined;
  const remembered = readDiscovery(ctx.env, serverUrl);
  if (!unverified) {
    if (write) writeDiscovery(ctx.env, serverUrl, found);
    return;
  }
  const changed = remembered?.pinned && (remembered.userPoolId !== found.userPoolId || remembered.clientId !== found.clientId || (remembered.region ?? '') !== (found.region ?? ''));
  if (changed) {
    const was = `${remembered.userPoolId} (client ${remembered.clientId})`;
    const now = `${found.userPoolId} (client ${found.clientId})`;
    let confirmed = false;
    if (ctx.interactive) {
      ctx.log.warn(`the server at ${serverUrl} now names user pool ${now}; over ${unverified} it named ${was} when first trusted. Anyone on the network path could be answering.`);
      confirmed = await ctx.prompter.confirm({ message: `Trust user pool ${found.userPoolId} for ${serverUrl} from now on?`, default: false });
    }
    if (!confirmed) {
      throw new AuthError(`the server at ${serverUrl} now names user pool ${now}, not ${was} that was trusted for it over ${unverified}: refusing to sign in there`, {
        hint: `if its Cognito settings really changed, confirm on a terminal (\`mmbatch-auth token --server ${serverUrl}\`) or delete ${discoveryFile(ctx.env, serverUrl)}; better, use https:// with --ca-cert`,
      });
    }
  } else if (!remembered?.pinned) {
    ctx.log.warn(`${serverUrl} was asked over ${unverified}: trusting user pool ${found.userPoolId} for it from now on (a later answer naming another pool is refused)`);
  }
  if (write || changed) writeDiscovery(ctx.env, serverUrl, found, true);
}

/**
 * Discovery: a script on another machine knows only the server's URL. GET /api/v1/security/cognito
 * needs no token and names the region, user pool and app client the server trusts.
 */
async function discoverTarget(server: MmbatchServerClient): Promise<DiscoveredTarget> {
  const { readCognitoSettings } = await import('../server/cognitoSettings.js');
  const settings = await readCognitoSettings(server);
  if (!settings.userPoolID || !settings.clientID) {
    throw new ServerError(`the server at ${server.url} has no Cognito settings to sign in with`, undefined, {
      hint: 'pass --user-pool-id and --client-id, or run `mmbatch-auth setup --server ...` first',
    });
  }
  return { region: settings.region || undefined, userPoolId: settings.userPoolID, clientId: settings.clientID, ...(settings.identityPoolID ? { identityPoolId: settings.identityPoolID } : {}) };
}

/**
 * The region when nothing local names it (no flag, no environment, a pool ID that does not say):
 * the AWS profile's, read the SDK's own way. Rare, so the SDK is loaded only then.
 */
async function profileRegion(ctx: Context): Promise<string> {
  const { resolveRegion } = await import('../aws/clients.js');
  return resolveRegion({ region: ctx.globals.region, profile: ctx.globals.profile }, ctx.env);
}
