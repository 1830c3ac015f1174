// Two setups of one name at once on two machines (two CI jobs; on one machine the setup lock
// keeps them apart) each create a user pool, a client, an identity pool. After creating one, a
// run lists that name's resources with this setup's tags; if an older one exists, the older wins:
// the run deletes what it just created and starts again, and finds the older one. Every run orders
// them the same way (creation date, then the creating run's own timestamp, then ID: tagged.ts), and
// so does a pool made beside the first reads (earlyPool.ts), so both settle on the same resources.
// The server is switched only after every check has passed, so it never points at a loser.
//
// One run can make twins too: a create carried out whose answer was a 500 or was lost is sent again
// by the SDK, and both land with the request's one creation stamp. Those are all this run's: the
// check keeps the one every run would keep and removes the others (nobody else would: each run
// removes only its own). In a pool this setup made, every younger client of its name is removed by
// the run whose client is the oldest: clients carry no stamp, and a concurrent run whose client
// goes that way finds the older one at its own check and carries on with it, as it would anyway.
import { appClientName } from '../config/names.js';
import type { ResourceEnv, ResourceKind } from '../resources/plan.js';
import { userPool } from '../resources/userPool.js';
import { appClient, appClientIdsNamed } from '../resources/appClient.js';
import { identityPool } from '../resources/identityPool.js';
import { oldestFirst, poolsNamed, TAGGED_IDENTITY_POOL, TAGGED_USER_POOL, type TaggedKind } from './tagged.js';

export class RaceLostError extends Error {
  constructor(
    readonly kind: ResourceKind,
    readonly ours: string,
    readonly winner: string,
    /** The winner was made by this run's own request, sent twice. */
    sameRequest = false,
  ) {
    super(sameRequest ? `the ${kind} was made twice by one request the SDK sent again: ${winner} is kept, ${ours} was removed` : `another run of this setup made the ${kind} ${winner} first; ${ours} was removed`);
  }
}

export type RaceKind = 'userPool' | 'appClient' | 'identityPool';

/** Resolves when ours is the oldest; else deletes ours and throws RaceLostError. */
export async function settleRace(env: ResourceEnv, kind: RaceKind, ours: string, name: string, ownedElsewhere: Map<string, string>, within?: string): Promise<void> {
  if (kind === 'appClient') return settleClientRace(env, ours, name, ownedElsewhere, within!);
  const tagged = (kind === 'userPool' ? TAGGED_USER_POOL : TAGGED_IDENTITY_POOL) as TaggedKind<unknown>;
  const alone = await tagged.idsNamed(env, tagged.nameOf(name));
  if (alone.length === 1 && alone[0] === ours) return; // no twin to compare with, nothing more to read
  const { ours: sorted } = await poolsNamed(tagged, env, name, ownedElsewhere);
  const [oldest] = sorted;
  const mine = sorted.find((pool) => tagged.idOf(pool) === ours);
  const remove = (pool: unknown) => (kind === 'userPool' ? userPool.remove(env, pool as never, {}) : identityPool.remove(env, pool as never, {}));
  // What this run's own request made more than once (its stamp), but not the one that is kept.
  const stamp = mine ? tagged.stampOf(mine) : undefined;
  const resent = stamp ? sorted.filter((pool) => pool !== oldest && pool !== mine && tagged.stampOf(pool) === stamp) : [];
  await Promise.all(resent.map(remove));
  if (!oldest || tagged.idOf(oldest) === ours) return;
  if (mine) await remove(mine);
  throw new RaceLostError(kind, ours, tagged.idOf(oldest), stamp !== undefined && tagged.stampOf(oldest) === stamp);
}

/** Clients carry no tags: in a pool this setup made, every client of its name is its own. */
async function settleClientRace(env: ResourceEnv, ours: string, name: string, ownedElsewhere: Map<string, string>, within: string): Promise<void> {
  const ids = await appClientIdsNamed(env, within, appClientName(name));
  if (ids.length === 1 && ids[0] === ours) return;
  const clients = (await Promise.all(ids.map((id) => appClient.read(env, id, { userPool: within })))).filter((client) => client && !ownedElsewhere.has(client.ClientId!));
  const [oldest, ...younger] = oldestFirst(clients, (c) => c!.CreationDate?.toISOString?.(), (c) => c!.ClientId!);
  if (!oldest) return;
  if (oldest.ClientId === ours) {
    await Promise.all(younger.map((client) => appClient.remove(env, client!, { userPool: within })));
    return;
  }
  const mine = clients.find((client) => client!.ClientId === ours);
  if (mine) await appClient.remove(env, mine, { userPool: within });
  throw new RaceLostError('appClient', ours, oldest.ClientId!);
}
