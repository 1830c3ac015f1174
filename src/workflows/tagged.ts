// The two pools this tool finds by name and tags (user pools and identity pools): list those of
// the setup's name, read each, and sort them into this setup's (its tags, no other setup's record),
// oldest first, and the strangers. locate.ts finds a setup this way without a record; race.ts
// checks the same way that a run's new pool has no older twin.
import { carriesOurTags, identityPoolName, tagRecord, TAG_CREATED, TAG_NAME, userPoolName } from '../config/names.js';
import type { ResourceEnv } from '../resources/plan.js';
import { userPool, userPoolIdsNamed } from '../resources/userPool.js';
import { identityPool, identityPoolIdsNamed } from '../resources/identityPool.js';
import type { UserPoolType } from '@aws-sdk/client-cognito-identity-provider';
import type { LiveIdentityPool } from '../resources/identityPool.js';
import type { CognitoServerSettings } from '../server/cognitoSettings.js';

export interface TaggedKind<Live> {
  /** For people: "user pool". */
  what: string;
  flag: string;
  nameOf(setupName: string): string;
  idsNamed(env: ResourceEnv, name: string): Promise<string[]>;
  read(env: ResourceEnv, id: string): Promise<Live | undefined>;
  idOf(live: Live): string;
  tagsOf(live: Live): Record<string, string> | undefined;
  /** When it was made: the service's creation date, else setup's created tag. */
  createdOf(live: Live): string | undefined;
  /**
   * The creating request's own stamp (setup's created tag): two resources with one stamp were made
   * by one request sent twice (the SDK retries a create whose answer was a 500 or was lost).
   */
  stampOf(live: Live): string | undefined;
  /** The one the MMBatch server names. */
  namedByServer(settings: CognitoServerSettings): string;
}

export const TAGGED_USER_POOL: TaggedKind<UserPoolType> = {
  what: 'user pool',
  flag: '--user-pool-id',
  nameOf: userPoolName,
  idsNamed: userPoolIdsNamed,
  read: (env, id) => userPool.read(env, id, {}),
  idOf: (pool) => pool.Id!,
  tagsOf: (pool) => pool.UserPoolTags,
  // The service's date first (every run reads the same one), then the creating run's own clock to
  // the millisecond from its tag: CreationDate may count whole seconds (cognito-local does), and
  // two pools of one second would otherwise be ordered by their random IDs, not by which came first.
  createdOf: (pool) => `${pool.CreationDate?.toISOString?.() ?? ''}|${pool.UserPoolTags?.[TAG_CREATED] ?? ''}`,
  stampOf: (pool) => pool.UserPoolTags?.[TAG_CREATED],
  namedByServer: (settings) => settings.userPoolID,
};

export const TAGGED_IDENTITY_POOL: TaggedKind<LiveIdentityPool> = {
  what: 'identity pool',
  flag: '--identity-pool-id',
  nameOf: identityPoolName,
  idsNamed: identityPoolIdsNamed,
  read: (env, id) => identityPool.read(env, id, {}),
  idOf: (pool) => pool.IdentityPoolId!,
  tagsOf: (pool) => pool.IdentityPoolTags,
  // The identity pool API keeps no creation date: setup tags one.
  createdOf: (pool) => pool.IdentityPoolTags?.[TAG_CREATED],
  stampOf: (pool) => pool.IdentityPoolTags?.[TAG_CREATED],
  namedByServer: (settings) => settings.identityPoolID,
};

/** Oldest first: a creation date, then the ID, so every run orders them alike. */
export function oldestFirst<T>(items: T[], created: (item: T) => string | undefined, id: (item: T) => string): T[] {
  return [...items].sort((a, b) => (created(a) ?? '').localeCompare(created(b) ?? '') || id(a).localeCompare(id(b)));
}

export interface Named<Live> {
  /** This setup's, oldest first. */
  ours: Live[];
  /** Of the same name, but a person's or another setup's. */
  strangers: Live[];
}

/** Every pool called by the setup's name, sorted. `known` skips the reads when the only one is that one. */
export async function poolsNamed<Live>(
  kind: TaggedKind<Live>,
  env: ResourceEnv,
  setupName: string,
  ownedElsewhere: Map<string, string>,
): Promise<Named<Live>> {
  const ids = await kind.idsNamed(env, kind.nameOf(setupName));
  const pools = (await Promise.all(ids.map((id) => kind.read(env, id)))).filter((pool): pool is Awaited<Live> & Live => Boolean(pool));
  const ours = pools.filter((pool) => carriesOurTags(kind.tagsOf(pool), setupName) && !ownedElsewhere.has(kind.idOf(pool)));
  return { ours: oldestFirst(ours, kind.createdOf, kind.idOf), strangers: pools.filter((pool) => !ours.includes(pool)) };
}

/**
 * Why the pool the server names is not taken for this setup's: the operator should know that the
 * server points elsewhere, and that what it points at was left alone (not adopted, changed or deleted).
 */
export function serverPoolLeftAlone<Live>(kind: TaggedKind<Live>, id: string, live: Live | undefined, setupName: string, ownedElsewhere: Map<string, string>): string {
  const owner = ownedElsewhere.get(id) ?? (live ? tagRecord(kind.tagsOf(live))[TAG_NAME] : undefined);
  if (owner && owner !== setupName) return `the server names ${kind.what} ${id}, which is the setup '${owner}''s: not taken for '${setupName}', and left as it is`;
  if (live) return `the server names ${kind.what} ${id}, which carries no tags of the setup '${setupName}': not taken for it, and left as it is`;
  return `the server names ${kind.what} ${id}, which does not exist: not taken for '${setupName}'`;
}
