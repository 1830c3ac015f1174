// Finding what a setup is made of, live, before anything is planned. Setup, status, teardown and
// the single-resource commands all start here, so they can never disagree about which resources
// belong to a setup.
//
// What belongs to setup NAME, in order of trust:
//   1. what the user hands over by ID (--user-pool-id, --client-id, --identity-pool-id, --role-arn);
//   2. what NAME's record in the settings file names;
//   3. with no record: what the MMBatch server names, if it carries NAME's tags; else what is
//      called by NAME's resource names AND carries NAME's tags (a resource of the same name without
//      them is a person's or another setup's, and is left alone).
// Never what another setup's record owns. Every read that needs no answer from another starts at
// once: with a settings file, finding everything is one round of calls.
import type { GroupType, UserPoolClientType, UserPoolType } from '@aws-sdk/client-cognito-identity-provider';
import { appClientName, carriesOurTags, otherSetupTagged, roleName } from '../config/names.js';
import type { Origin, RecordedKind, ResourceRef } from '../config/settings.js';
import type { SetupRecordHandle } from '../config/setupRecord.js';
import type { MmbatchServerClient } from '../server/client.js';
import { readCognitoSettings, type CognitoServerSettings } from '../server/cognitoSettings.js';
import type { Blocker, ResourceEnv } from '../resources/plan.js';
import { userPool } from '../resources/userPool.js';
import { appClient, appClientIdsNamed } from '../resources/appClient.js';
import { adminGroup } from '../resources/adminGroup.js';
import { adminUser, type LiveAdminUser } from '../resources/adminUser.js';
import { identityPool, type LiveIdentityPool } from '../resources/identityPool.js';
import { oldestFirst, poolsNamed, serverPoolLeftAlone, TAGGED_IDENTITY_POOL, TAGGED_USER_POOL, type TaggedKind } from './tagged.js';
import { readRole, roleNameFromArn, type LiveRole } from '../resources/iamRole.js';
import { identityPoolRoles, type LiveIdentityPoolRoles } from '../resources/identityPoolRoles.js';

/** What the user handed over by ID: adopted (a role: reused). */
export interface HandedOver {
  userPool?: string;
  appClient?: string;
  identityPool?: string;
  iamRole?: string;
}

export interface SetupTarget {
  name: string;
  region: string;
  adminEmail?: string;
  adminGroup: string;
  handedOver: HandedOver;
  server?: MmbatchServerClient;
  /** The server's answer when the caller has asked already (setup reads it first): not asked twice. */
  serverSettings?: Promise<CognitoServerSettings>;
}

export interface Found<Live> {
  live?: Live;
  /** How this setup holds it (or would: a resource to be made is `created`). */
  origin: Origin;
  via: 'flag' | 'record' | 'server' | 'tags' | 'new';
  /** What the user should know: a same-named resource left alone, a duplicate from an old race... */
  notes: string[];
  blocked: Blocker[];
  /** The upstream ID it was read in (a client in a pool): a later step re-reads when that changed. */
  within?: string;
  /** A created pool not yet checked against a concurrent run's twin. */
  unsettled?: boolean;
  /**
   * Found by tags beside the one taken: younger twins a concurrent run made and did not live to
   * remove (each run removes only its own; setup leaves them to it). Each is also in `notes`.
   */
  leftovers?: Leftover<Live>[];
  /** The record said this setup made it, and its tags say otherwise: what the record says of what is inside is not believed either. */
  distrusted?: boolean;
}

export interface Leftover<Live> {
  live: Live;
  /** The note that names it (in the Found's notes). */
  note: string;
}

export interface Located {
  userPool: Found<UserPoolType>;
  appClient: Found<UserPoolClientType>;
  adminGroup: Found<GroupType>;
  adminUser: Found<LiveAdminUser>;
  identityPool: Found<LiveIdentityPool>;
  iamRole: Found<LiveRole>;
  identityPoolRoles: Found<LiveIdentityPoolRoles>;
  server?: Found<CognitoServerSettings>;
}

export const ALL_KINDS: Wanted = new Set(['userPool', 'appClient', 'adminGroup', 'adminUser', 'identityPool', 'iamRole', 'identityPoolRoles', 'server']);

/** Nothing found: the plan creates it. */
export const nothing = <Live>(notes: string[] = [], blocked: Blocker[] = []): Found<Live> => ({ origin: 'created', via: 'new', notes, blocked });

const quiet = <T>(promise: Promise<T>): Promise<T> => {
  promise.catch(() => undefined);
  return promise;
};

/**
 * Which resources a command needs found; the rest are not read (a partial command reads only its
 * own and what they live in: the caller includes everything they need).
 */
export type Wanted = ReadonlySet<keyof Located>;

export async function locateSetup(
  env: ResourceEnv,
  target: SetupTarget,
  record: SetupRecordHandle,
  ownedElsewhere: Map<string, string>,
  wanted: Wanted = ALL_KINDS,
): Promise<Located> {
  const recorded = record.get().resources;
  const skip = <Live>(kind: keyof Located, find: () => Promise<Found<Live>>): Promise<Found<Live>> =>
    wanted.has(kind) ? quiet(find()) : Promise.resolve(nothing<Live>());
  const { name, handedOver } = target;

  /** Refuse what another setup owns; the hint names that setup. */
  const ownedBy = (id: string | undefined, what: string): Blocker[] => {
    const other = id ? ownedElsewhere.get(id) : undefined;
    return other ? [{ reason: `${what} ${id} belongs to the setup '${other}' in ${record.settingsPath}`, hint: `use --name ${other} for that setup, or another resource for this one` }] : [];
  };
  /**
   * What is handed over by ID: refused when another setup owns it, by this settings file's records
   * or by its tags (a setup of another name, run from another machine, made it).
   */
  const handedOverBlockers = (id: string | undefined, what: string, tags: Parameters<typeof otherSetupTagged>[0]): Blocker[] => {
    const recorded = ownedBy(id, what);
    if (recorded.length) return recorded;
    const other = otherSetupTagged(tags, name);
    return other ? [{ reason: `${what} ${id} was made by mmbatch-auth for the setup '${other}' (its tags say so)`, hint: `use --name ${other} for that setup, or another resource for this one` }] : [];
  };
  const originOf = (kind: RecordedKind, id: string, otherwise: Origin): Origin => (recorded[kind]?.id === id ? recorded[kind]!.origin : otherwise);

  // Round one: everything the flags and the record name, all at once, and the server.
  const server = target.server && wanted.has('server') ? quiet(target.serverSettings ?? readCognitoSettings(target.server)) : undefined;
  const recordedPoolId = wanted.has('userPool') ? (handedOver.userPool ?? recorded.userPool?.id) : undefined;
  const recordedIdentityPoolId = wanted.has('identityPool') ? (handedOver.identityPool ?? recorded.identityPool?.id) : undefined;
  const early = {
    userPool: recordedPoolId ? quiet(userPool.read(env, recordedPoolId, {})) : undefined,
    appClient:
      recordedPoolId && wanted.has('appClient') && (handedOver.appClient ?? recorded.appClient?.id)
        ? quiet(appClient.read(env, (handedOver.appClient ?? recorded.appClient?.id)!, { userPool: recordedPoolId }))
        : undefined,
    adminGroup: recordedPoolId && wanted.has('adminGroup') ? quiet(adminGroup.read(env, target.adminGroup, { userPool: recordedPoolId })) : undefined,
    adminUser: recordedPoolId && wanted.has('adminUser') && target.adminEmail ? quiet(adminUser.read(env, target.adminEmail, { userPool: recordedPoolId })) : undefined,
    identityPool: recordedIdentityPoolId ? quiet(identityPool.read(env, recordedIdentityPoolId, {})) : undefined,
    identityPoolRoles: recordedIdentityPoolId && wanted.has('identityPoolRoles') ? quiet(identityPoolRoles.read(env, recordedIdentityPoolId, {})) : undefined,
  };
  const roleRef = handedOver.iamRole ?? recorded.iamRole?.id ?? roleName(name);
  const roleOrigin: Origin = handedOver.iamRole ? 'reused' : (recorded.iamRole?.origin ?? 'created');
  const role = wanted.has('iamRole') ? quiet(readRole(env, roleRef, { setupName: name }, roleOrigin)) : Promise.resolve(undefined);

  const userPoolFound = skip('userPool', async (): Promise<Found<UserPoolType>> => {
      if (handedOver.userPool) {
        const live = await early.userPool;
        if (!live) return nothing([], [{ reason: `user pool ${handedOver.userPool} does not exist in ${target.region}`, hint: 'check --user-pool-id and --region' }]);
        return { live, origin: originOf('userPool', live.Id!, 'adopted'), via: 'flag', notes: [], blocked: handedOverBlockers(live.Id, 'user pool', live.UserPoolTags) };
      }
      if (recorded.userPool) {
        const live = await early.userPool;
        if (live) return fromRecord(live, recorded.userPool, live.UserPoolTags, 'user pool', name, ownedBy(live.Id, 'user pool'));
        record.forget('userPool', 'appClient', 'adminGroup', 'adminUser');
      }
      return findByTags(TAGGED_USER_POOL, env, name, server, ownedElsewhere);
  });

  const appClientFound = skip('appClient', async (): Promise<Found<UserPoolClientType>> => {
      const pool = await userPoolFound;
      const poolId = pool.live?.Id;
      if (!poolId) return nothing();
      const sameRead = poolId === recordedPoolId;
      const wantedId = handedOver.appClient ?? (pool.via === 'record' || pool.via === 'flag' ? recorded.appClient?.id : undefined);
      if (wantedId) {
        const live = sameRead && early.appClient ? await early.appClient : await appClient.read(env, wantedId, { userPool: poolId });
        if (live) {
          const origin = pool.distrusted ? 'adopted' : handedOver.appClient ? originOf('appClient', wantedId, 'adopted') : (recorded.appClient?.origin ?? 'created');
          return { live, origin, via: handedOver.appClient ? 'flag' : 'record', notes: [], blocked: ownedBy(live.ClientId, 'app client'), within: poolId };
        }
        if (handedOver.appClient) return nothing([], [{ reason: `app client ${handedOver.appClient} does not exist in user pool ${poolId}`, hint: 'check --client-id and --user-pool-id' }]);
        record.forget('appClient');
      }
      // By name: in a pool this tool made, its clients of our name are ours; in a pool handed over,
      // one of our name that no record names may be a person's: ask rather than guess.
      const ids = (await appClientIdsNamed(env, poolId, appClientName(name))).filter((id) => !ownedElsewhere.has(id));
      if (ids.length === 0) return { ...nothing(), within: poolId };
      if (pool.origin !== 'created') {
        return {
          ...nothing([], [{ reason: `user pool ${poolId} already has an app client named '${appClientName(name)}' (${ids.join(', ')}) that no setup records`, hint: `hand it over with --client-id ${ids[0]}, or remove it` }]),
          within: poolId,
        };
      }
      const clients = (await Promise.all(ids.map((id) => appClient.read(env, id, { userPool: poolId })))).filter((c): c is UserPoolClientType => Boolean(c));
      const [oldest, ...others] = oldestFirst(clients, (c) => c.CreationDate?.toISOString?.(), (c) => c.ClientId!);
      if (!oldest) return { ...nothing(), within: poolId };
      const leftovers = others.map((c) => ({ live: c, note: leftoverNote('app client', c.ClientId!) }));
      return {
        live: oldest,
        origin: 'created',
        via: 'tags',
        notes: leftovers.map((leftover) => leftover.note),
        blocked: [],
        within: poolId,
        unsettled: true,
        leftovers,
      };
  });

  const insidePool = <Live>(kind: 'adminGroup' | 'adminUser', key: string | undefined, read: (poolId: string) => Promise<Live | undefined>, earlyRead?: Promise<Live | undefined>) =>
    skip(kind, async (): Promise<Found<Live>> => {
        const pool = await userPoolFound;
        const poolId = pool.live?.Id;
        if (!poolId || !key) return nothing();
        const live = poolId === recordedPoolId && earlyRead ? await earlyRead : await read(poolId);
        if (!live) return { ...nothing(), within: poolId };
        // In a pool this tool made, what is in it is the setup's; in a pool handed over, what was
        // there before is the person's (never deleted).
        const origin = pool.distrusted ? 'adopted' : recorded[kind]?.id === key ? recorded[kind]!.origin : pool.origin === 'created' ? 'created' : 'adopted';
        return { live, origin, via: recorded[kind] ? 'record' : 'tags', notes: [], blocked: [], within: poolId };
    });
  const adminGroupFound = insidePool('adminGroup', target.adminGroup, (poolId) => adminGroup.read(env, target.adminGroup, { userPool: poolId }), early.adminGroup);
  const adminUserFound = insidePool('adminUser', target.adminEmail, (poolId) => adminUser.read(env, target.adminEmail!, { userPool: poolId }), early.adminUser);

  const identityPoolFound = skip('identityPool', async (): Promise<Found<LiveIdentityPool>> => {
      if (handedOver.identityPool) {
        const live = await early.identityPool;
        if (!live) return nothing([], [{ reason: `identity pool ${handedOver.identityPool} does not exist in ${target.region}`, hint: 'check --identity-pool-id and --region' }]);
        return { live, origin: originOf('identityPool', live.IdentityPoolId!, 'adopted'), via: 'flag', notes: [], blocked: handedOverBlockers(live.IdentityPoolId, 'identity pool', live.IdentityPoolTags) };
      }
      if (recorded.identityPool) {
        const live = await early.identityPool;
        if (live) return fromRecord(live, recorded.identityPool, live.IdentityPoolTags, 'identity pool', name, ownedBy(live.IdentityPoolId, 'identity pool'));
        record.forget('identityPool');
      }
      return findByTags(TAGGED_IDENTITY_POOL, env, name, server, ownedElsewhere);
  });

  const identityPoolRolesFound = skip('identityPoolRoles', async (): Promise<Found<LiveIdentityPoolRoles>> => {
      const pool = await identityPoolFound;
      const poolId = pool.live?.IdentityPoolId;
      if (!poolId) return nothing();
      const live = poolId === recordedIdentityPoolId && early.identityPoolRoles ? await early.identityPoolRoles : await identityPoolRoles.read(env, poolId, {});
      return { live, origin: pool.origin, via: pool.via, notes: [], blocked: [], within: poolId };
  });

  const iamRoleFound = skip('iamRole', async (): Promise<Found<LiveRole>> => {
      const live = await role;
      if (handedOver.iamRole) {
        if (!live) return nothing([], [{ reason: `the role ${handedOver.iamRole} does not exist`, hint: 'check --role-arn, or leave it out and setup makes one' }]);
        return { live, origin: 'reused', via: 'flag', notes: [], blocked: handedOverBlockers(live.role.Arn, 'IAM role', live.role.Tags) };
      }
      if (recorded.iamRole) {
        if (live) return fromRecord(live, recorded.iamRole, live.role.Tags, 'IAM role', name, recorded.iamRole.origin === 'reused' ? [] : ownedBy(live.role.Arn, 'IAM role'));
        record.forget('iamRole');
        if (roleNameFromArn(recorded.iamRole.id) !== roleName(name)) {
          const byName = await readRole(env, roleName(name), { setupName: name }, 'created');
          return roleByName(byName, name, ownedElsewhere);
        }
        return nothing();
      }
      return roleByName(live, name, ownedElsewhere);
  });

  const serverFound = server
    ? quiet(server.then((live): Found<CognitoServerSettings> => ({ live, origin: 'adopted', via: 'flag', notes: [], blocked: [] })))
    : undefined;

  const [found, serverSettings] = await Promise.all([
    Promise.all([userPoolFound, appClientFound, adminGroupFound, adminUserFound, identityPoolFound, iamRoleFound, identityPoolRolesFound]),
    serverFound,
  ]);
  const [userPoolF, appClientF, adminGroupF, adminUserF, identityPoolF, iamRoleF, identityPoolRolesF] = found;
  return {
    userPool: userPoolF,
    appClient: appClientF,
    adminGroup: adminGroupF,
    adminUser: adminUserF,
    identityPool: identityPoolF,
    iamRole: iamRoleF,
    identityPoolRoles: identityPoolRolesF,
    ...(serverSettings ? { server: serverSettings } : {}),
  };
}

/**
 * What the record names, as the record says — but a resource recorded as made by this setup that
 * does not carry its tags was not (a hand-edited or copied settings file): it is treated as handed
 * over, so it is repaired but never deleted.
 */
function fromRecord<Live>(live: Live, ref: ResourceRef, tags: Parameters<typeof carriesOurTags>[0], what: string, name: string, ownedElsewhere: Blocker[]): Found<Live> {
  // Two records in one file naming one resource: neither is believed; setup refuses, teardown keeps it.
  if (ownedElsewhere.length) return { live, origin: 'adopted', via: 'record', notes: [], blocked: ownedElsewhere, distrusted: true };
  if (ref.origin === 'created' && !carriesOurTags(tags, name)) {
    return {
      live,
      origin: 'adopted',
      via: 'record',
      notes: [`the ${what} ${ref.id} is recorded as made by this setup but does not carry its tags: it is treated as handed over (repaired, never deleted)`],
      blocked: [],
      distrusted: true,
    };
  }
  return { live, origin: ref.origin, via: 'record', notes: [], blocked: [], unsettled: ref.origin === 'created' && !ref.settled };
}

function roleByName(live: LiveRole | undefined, name: string, ownedElsewhere: Map<string, string>): Found<LiveRole> {
  if (!live) return nothing();
  if (!carriesOurTags(live.role.Tags, name) || ownedElsewhere.has(live.role.Arn!)) {
    return nothing(
      [],
      [
        {
          reason: `an IAM role named ${live.role.RoleName} exists that mmbatch-auth did not make for the setup '${name}'`,
          hint: `reuse it with --role-arn ${live.role.Arn} (setup adds its trust statement and keeps the others), or use another --name`,
        },
      ],
    );
  }
  return { live, origin: 'created', via: 'tags', notes: [], blocked: [] };
}

/**
 * Without a record: the pool the server names, if it carries this setup's tags (no paging by name
 * then); else the oldest of this setup's pools of its name, the others named as leftovers.
 */
async function findByTags<Live>(
  kind: TaggedKind<Live>,
  env: ResourceEnv,
  setupName: string,
  server: Promise<CognitoServerSettings> | undefined,
  ownedElsewhere: Map<string, string>,
): Promise<Found<Live>> {
  const serverPoolId = server ? kind.namedByServer((await server.catch(() => undefined)) ?? ({} as CognitoServerSettings)) : undefined;
  const notes: string[] = [];
  if (serverPoolId) {
    const live = ownedElsewhere.has(serverPoolId) ? undefined : await kind.read(env, serverPoolId);
    if (live && carriesOurTags(kind.tagsOf(live), setupName)) return { live, origin: 'created', via: 'server', notes: [], blocked: [] };
    notes.push(serverPoolLeftAlone(kind, serverPoolId, live, setupName, ownedElsewhere));
  }
  const { ours, strangers } = await poolsNamed(kind, env, setupName, ownedElsewhere);
  if (strangers.length) {
    notes.push(`${kind.what === 'identity pool' ? 'an' : 'a'} ${kind.what} named '${kind.nameOf(setupName)}' that is not this setup's (${strangers.map(kind.idOf).join(', ')}) is left alone; hand it over with ${kind.flag} to use it`);
  }
  const [oldest, ...others] = ours;
  if (!oldest) return nothing(notes);
  const leftovers = others.map((pool) => ({ live: pool, note: leftoverNote(kind.what, kind.idOf(pool)) }));
  notes.push(...leftovers.map((leftover) => leftover.note));
  return { live: oldest, origin: 'created', via: 'tags', notes, blocked: [], unsettled: others.length > 0, ...(leftovers.length ? { leftovers } : {}) };
}

const leftoverNote = (what: string, id: string) => `another ${what} of this setup, ${id}, is a leftover of a concurrent run: not used`;
