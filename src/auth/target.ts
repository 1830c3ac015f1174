// Where the user pool, app client and region of a sign-in come from: flags, then the settings
// file, then the MMBatch server (discovery). Pure rules with no I/O and no SDK, so the cached-token
// fast path and the full CLI pick the same cache file.
import { regionOfUserPoolId } from '../validate.js';

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
