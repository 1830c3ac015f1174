// Two setups of one name at once on two machines (two CI jobs; on one machine the setup lock
// keeps them apart) each create a user pool, a client, an identity pool. After creating one, a
// run lists that name's resources with this setup's tags; if an older one exists, the older wins:
// the run deletes what it just created and starts again, and finds the older one. Every run orders
// them the same way (creation date, then ID), so both settle on the same resources. The server is
// switched only after every check has passed, so it never points at a loser.
import { carriesOurTags, TAG_CREATED, appClientName, identityPoolName, userPoolName } from '../config/names.js';
import type { ResourceEnv, ResourceKind } from '../resources/plan.js';
import { userPool, userPoolIdsNamed } from '../resources/userPool.js';
import { appClient, appClientIdsNamed } from '../resources/appClient.js';
import { identityPool, identityPoolIdsNamed } from '../resources/identityPool.js';
import { oldestFirst } from './locate.js';

export class RaceLostError extends Error {
  constructor(
    readonly kind: ResourceKind,
    readonly ours: string,
    readonly winner: string,
  ) {
    super(`another run of this setup made the ${kind} ${winner} first; ${ours} was removed`);
  }
}

export type RaceKind = 'userPool' | 'appClient' | 'identityPool';

/** Resolves when ours is the oldest; else deletes ours and throws RaceLostError. */
export async function settleRace(env: ResourceEnv, kind: RaceKind, ours: string, name: string, ownedElsewhere: Map<string, string>, within?: string): Promise<void> {
  if (kind === 'userPool') {
    const ids = await userPoolIdsNamed(env, userPoolName(name));
    if (ids.length === 1 && ids[0] === ours) return; // alone: no twin to compare with, nothing more to read
    const pools = (await Promise.all(ids.map((id) => userPool.read(env, id, {})))).filter(
      (pool) => pool && carriesOurTags(pool.UserPoolTags, name) && !ownedElsewhere.has(pool.Id!),
    );
    const [oldest] = oldestFirst(pools, (p) => p!.CreationDate?.toISOString?.() ?? p!.UserPoolTags?.[TAG_CREATED], (p) => p!.Id!);
    if (!oldest || oldest.Id === ours) return;
    const mine = pools.find((pool) => pool!.Id === ours);
    if (mine) await userPool.remove(env, mine, {});
    throw new RaceLostError(kind, ours, oldest.Id!);
  }
  if (kind === 'appClient') {
    const ids = await appClientIdsNamed(env, within!, appClientName(name));
    if (ids.length === 1 && ids[0] === ours) return;
    const clients = (await Promise.all(ids.map((id) => appClient.read(env, id, { userPool: within })))).filter(
      (client) => client && !ownedElsewhere.has(client.ClientId!),
    );
    const [oldest] = oldestFirst(clients, (c) => c!.CreationDate?.toISOString?.(), (c) => c!.ClientId!);
    if (!oldest || oldest.ClientId === ours) return;
    const mine = clients.find((client) => client!.ClientId === ours);
    if (mine) await appClient.remove(env, mine, { userPool: within });
    throw new RaceLostError(kind, ours, oldest.ClientId!);
  }
  const ids = await identityPoolIdsNamed(env, identityPoolName(name));
  if (ids.length === 1 && ids[0] === ours) return;
  const pools = (await Promise.all(ids.map((id) => identityPool.read(env, id, {})))).filter(
    (pool) => pool && carriesOurTags(pool.IdentityPoolTags, name) && !ownedElsewhere.has(pool.IdentityPoolId!),
  );
  const [oldest] = oldestFirst(pools, (p) => p!.IdentityPoolTags?.[TAG_CREATED], (p) => p!.IdentityPoolId!);
  if (!oldest || oldest.IdentityPoolId === ours) return;
  const mine = pools.find((pool) => pool!.IdentityPoolId === ours);
  if (mine) await identityPool.remove(env, mine, {});
  throw new RaceLostError(kind, ours, oldest.IdentityPoolId!);
}
