// The user pool of a setup from nothing, made beside the first reads instead of after them: one
// round sooner, and every later step (client, admin, identity pool, proof) with it.
//
// Safe because of what those reads can still answer when no record or flag names a pool and the
// server names none: either nothing of this setup exists (the pool was needed), or a pool of this
// setup exists that no record knows (a lost settings file, another machine's run that never reached
// its server). In the second case the early pool is the newer twin, which the race check after
// every new pool would remove anyway (race.ts); it is removed here at once, before anything is made
// in it, and the older pool is used. A run that the reads or the preflight then refuse removes the
// early pool before it says why, so a refused run leaves nothing behind. Until then the pool is
// recorded as created and unsettled, so a run killed in between is finished (or undone) by the next.
//
// Only in a run that asks nobody (--yes, CI): on a terminal nothing is written before the
// confirmation. Only when the checks that need no AWS answer (the password against the new pool's
// policy) have passed, and only after the server's answer: a pool it names may be this setup's.
import type { SetupRecordHandle } from '../config/setupRecord.js';
import type { CognitoServerSettings } from '../server/cognitoSettings.js';
import type { Applied, ResourceEnv } from '../resources/plan.js';
import { userPool } from '../resources/userPool.js';
import { desiredState, type SetupInputs } from './desired.js';
import { oldestFirst, TAGGED_USER_POOL } from './tagged.js';
import type { UserPoolType } from '@aws-sdk/client-cognito-identity-provider';

export interface EarlyPool {
  id: string;
  applied: Applied;
}

export interface EarlyPoolConditions {
  /** Nobody is asked before the first write (--yes, CI, no terminal), and the run writes (no dry run). */
  unattended: boolean;
  /** The whole setup (not a single-resource command). */
  whole: boolean;
  /** The checks that need no AWS answer; throwing means the early pool is not made (the run then refuses as usual). */
  offlineChecks?: (inputs: SetupInputs) => void;
}

/** Whether a pool may be made before the reads: nothing names one, and the run can go on without asking. */
export function mayMakePoolEarly(inputs: SetupInputs, record: SetupRecordHandle, conditions: EarlyPoolConditions): boolean {
  const handedOver = Object.values(inputs.handedOver).some(Boolean);
  const recorded = record.get().resources;
  return conditions.unattended && conditions.whole && Boolean(inputs.adminPassword) && !handedOver && !recorded.userPool && !recorded.appClient;
}

/**
 * Makes the pool once the server (when there is one) has answered that it names none, and records
 * it at once. Undefined when it is not made: the run then makes it after the reads, as usual.
 */
export async function makePoolEarly(
  env: ResourceEnv,
  inputs: SetupInputs,
  record: SetupRecordHandle,
  conditions: EarlyPoolConditions,
  serverSettings: Promise<CognitoServerSettings> | undefined,
  /** What the run records before its first write (the setup's choices). */
  beforeFirstWrite: () => void,
): Promise<EarlyPool | undefined> {
  try {
    conditions.offlineChecks?.(inputs);
  } catch {
    return undefined; // the preflight says why, before any write
  }
  if (serverSettings) {
    const live = await serverSettings.catch(() => undefined);
    if (!live || live.userPoolID || live.identityPoolID) return undefined;
  }
  beforeFirstWrite();
  const want = desiredState(inputs, {}).userPool;
  const applied = (await userPool.apply(env, userPool.plan(undefined, want, 'created'), want, {})) as Applied;
  record.setResource('userPool', applied.id, 'created');
  return { id: applied.id, applied };
}

/** Takes the early pool away again (it is empty: nothing was made in it), and its line in the record. */
export async function removeEarlyPool(env: ResourceEnv, early: EarlyPool, record: SetupRecordHandle): Promise<void> {
  await early.applied.finishing.catch(() => undefined); // its MFA configuration may still be on its way
  await env.aws.undoing(async () => {
    const live = await userPool.read(env, early.id, {});
    if (live) await userPool.remove(env, live, {});
  });
  if (record.resource('userPool')?.id === early.id) record.forget('userPool');
}

/**
 * Whether the early pool is older than the pool of this setup the reads found, by the order every
 * run's race check uses (tagged.ts: the service's CreationDate, the creating run's timestamp, the
 * ID; race.ts). Two machines racing
 * must agree on which pool wins, or each removes its own and both are gone. Read only when the
 * reads found another pool (a lost settings file, or a run elsewhere at this moment).
 */
export async function earlyPoolIsOlder(env: ResourceEnv, early: EarlyPool, found: UserPoolType): Promise<boolean> {
  const ours = await userPool.read(env, early.id, {});
  if (!ours) return false;
  const [oldest] = oldestFirst([ours, found], TAGGED_USER_POOL.createdOf, TAGGED_USER_POOL.idOf);
  return oldest === ours;
}
