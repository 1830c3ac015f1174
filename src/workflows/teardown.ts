// teardown: the same locate as setup, then a removal plan: what this setup created goes, in
// reverse order of the registry; what it adopted stays; a reused role only loses the one trust
// statement (and inline policy) setup added, an adopted identity pool our role and the provider
// setup added. The server comes first: if it uses anything about to go, Cognito is turned off
// there (signed by an admin of the pool it uses); if that cannot be done, nothing is deleted.
// After each deletion the record forgets it, so a teardown stopped anywhere is finished by the
// next one. Twins a concurrent run left (found by tags, beside the oldest) go too: setup leaves
// them to the run that made them, but a teardown is the end of every run of its name.
import type { RecordedKind } from '../config/settings.js';
import type { SetupRecordHandle } from '../config/setupRecord.js';
import type { Blocker, ResourceEnv, ResourceKind } from '../resources/plan.js';
import { labelOf } from '../resources/registry.js';
import { removeUserPool } from '../resources/userPool.js';
import { appClient } from '../resources/appClient.js';
import { adminGroup } from '../resources/adminGroup.js';
import { adminUser } from '../resources/adminUser.js';
import { identityPool, providersOfClient, releaseProviders } from '../resources/identityPool.js';
import { foreignRolePolicies, foreignTrustStatements, hasOurStatement, iamRole, releaseReusedRole } from '../resources/iamRole.js';
import { identityPoolRoles, staleMappingBlocker, staleMappingKeys } from '../resources/identityPoolRoles.js';
import { serverCognito, serverUses } from '../resources/serverSettings.js';
import { BlockedError } from '../errors.js';
import type { MmbatchServerClient } from '../server/client.js';
import { readCognitoSettings, type CognitoServerSettings } from '../server/cognitoSettings.js';
import { locateSetup, type Found, type Located } from './locate.js';
import { runSteps, type Step } from './runner.js';

export type TeardownAction = 'delete' | 'disable' | 'unmap' | 'release';

export interface TeardownStep {
  resource: ResourceKind;
  id: string;
  action: TeardownAction;
  /** For people: the line shown before confirmation. */
  describe: string;
  /** A twin a concurrent run left beside the setup's own (locate.ts: leftovers): never recorded. */
  leftover?: true;
}

export interface KeptResource {
  resource: ResourceKind;
  id: string;
  reason: string;
}

export interface TeardownPlan {
  steps: TeardownStep[];
  kept: KeptResource[];
  /** Why the plan must not be carried out at all: teardown then changes nothing. */
  blocked: Blocker[];
  /** What the user should know (locate's notes, less those of twins the steps delete). */
  notes: string[];
  located: Located;
}

export interface TeardownTarget {
  name: string;
  region: string;
  adminEmail?: string;
  adminGroup: string;
  server?: MmbatchServerClient;
}

const NOT_OURS = 'not created by this setup (adopted, or made by a person)';

/** Found, and made by this setup: it goes. */
const madeHere = (found: { origin: string; live?: unknown }) => Boolean(found.live) && found.origin === 'created';

export async function planTeardown(
  deps: { env: ResourceEnv; record: SetupRecordHandle; ownedElsewhere: Map<string, string> },
  target: TeardownTarget,
): Promise<TeardownPlan> {
  const located = await locateSetup(deps.env, { ...target, handedOver: {} }, deps.record.readOnly(), deps.ownedElsewhere);
  return teardownPlanOf(located, target);
}

export function teardownPlanOf(located: Located, target: TeardownTarget): TeardownPlan {
  const steps: TeardownStep[] = [];
  const kept: KeptResource[] = [];
  const blocked: Blocker[] = [];
  const pool = located.userPool.live;
  const client = located.appClient.live;
  const idPool = located.identityPool.live;
  const role = located.iamRole.live;

  const poolGoes = madeHere(located.userPool);
  const clientGoes = madeHere(located.appClient);
  const identityPoolGoes = madeHere(located.identityPool);
  if (pool && !poolGoes) kept.push({ resource: 'userPool', id: pool.Id!, reason: NOT_OURS });
  if (client && !clientGoes) kept.push({ resource: 'appClient', id: client.ClientId!, reason: NOT_OURS });
  const released = idPool && !identityPoolGoes ? releasedProviders(located) : { keys: [], mapped: [] };
  if (idPool && !identityPoolGoes) kept.push({ resource: 'identityPool', id: idPool.IdentityPoolId!, reason: NOT_OURS + keptForMappings(released.mapped) });

  let roleGoes = false;
  let roleReleased = false;
  if (role) {
    const foreign = foreignRolePolicies(role);
    const foreignTrust = foreignTrustStatements(role);
    const releasable = () => hasOurStatement(role) || role.policies.inline.includes('mmbatch-auth');
    if (located.iamRole.origin === 'reused') {
      roleReleased = releasable();
      kept.push({ resource: 'iamRole', id: role.role.Arn!, reason: 'given with --role-arn: kept, only setup\'s trust statement is removed' });
    } else if (located.iamRole.origin !== 'created') kept.push({ resource: 'iamRole', id: role.role.Arn!, reason: NOT_OURS });
    else if (foreign.length) kept.push({ resource: 'iamRole', id: role.role.Arn!, reason: `it has policies mmbatch-auth did not add: ${foreign.join(', ')}` });
    else if (foreignTrust.length) {
      // Deleting the role would delete statements someone else wrote (and what they let in): it
      // stays with those, as a role handed over with --role-arn does.
      roleReleased = releasable();
      const named = foreignTrust.map((statement, index) => statement.Sid ?? `#${index + 1} (no Sid)`).join(', ');
      kept.push({ resource: 'iamRole', id: role.role.Arn!, reason: `its trust policy has statements mmbatch-auth did not write (${named}): kept, only setup's trust statement is removed` });
    } else roleGoes = true;
  }

  // The server first, if it uses this setup (even an adopted pool: its admin group, admin and role
  // go now): it must never point at a setup half taken apart.
  const liveServer = located.server?.live;
  if (liveServer && target.server) {
    const uses = serverUses(liveServer, { userPool: pool?.Id, appClient: client?.ClientId, identityPool: idPool?.IdentityPoolId });
    if (uses) steps.push({ resource: 'server', id: target.server.url, action: 'disable', describe: `turn Cognito off on the MMBatch server ${target.server.url} (it uses user pool ${liveServer.userPoolID})` });
    else if (liveServer.enabled) kept.push({ resource: 'server', id: target.server.url, reason: `its Cognito settings use user pool ${liveServer.userPoolID}, which stays` });
  }

  // A pool that stays keeps its role mapping only if the role stays too.
  const mapping = located.identityPoolRoles.live;
  if (idPool && !identityPoolGoes && (roleGoes || roleReleased) && mapping && Object.values(mapping.Roles ?? {}).includes(role!.role.Arn!)) {
    // The mappings go back as they are (they are someone's): one AWS would refuse stops teardown before anything changes.
    for (const key of staleMappingKeys(idPool, mapping)) blocked.push(staleMappingBlocker(idPool.IdentityPoolId!, key, 'teardown'));
    steps.push({ resource: 'identityPoolRoles', id: idPool.IdentityPoolId!, action: 'unmap', describe: `unmap role ${role!.role.Arn} from identity pool ${idPool.IdentityPoolId}` });
  }
  const handled = new Set<string>();
  if (identityPoolGoes) {
    steps.push({ resource: 'identityPool', id: idPool!.IdentityPoolId!, action: 'delete', describe: `delete identity pool ${idPool!.IdentityPoolId}` });
    for (const { live, note } of located.identityPool.leftovers ?? []) {
      steps.push({ resource: 'identityPool', id: live.IdentityPoolId!, action: 'delete', describe: `delete identity pool ${live.IdentityPoolId}, ${TWIN}`, leftover: true });
      handled.add(note);
    }
  } else if (released.keys.length) {
    steps.push({
      resource: 'identityPool',
      id: idPool!.IdentityPoolId!,
      action: 'release',
      describe: `remove setup's provider${released.keys.length === 1 ? '' : 's'} ${released.keys.join(', ')} from identity pool ${idPool!.IdentityPoolId} (its other providers stay)`,
    });
  }
  if (roleGoes) steps.push({ resource: 'iamRole', id: role!.role.Arn!, action: 'delete', describe: `delete IAM role ${role!.role.RoleName}${role!.policies.inline.length ? ' and its inline policy mmbatch-auth' : ''}` });
  if (roleReleased) steps.push({ resource: 'iamRole', id: role!.role.Arn!, action: 'release', describe: `remove setup's trust statement from IAM role ${role!.role.RoleName} (its other statements stay)` });
  // Deleting the pool deletes its clients, users and groups: only a pool that stays needs them deleted one by one.
  if (!poolGoes && pool) {
    if (clientGoes) steps.push({ resource: 'appClient', id: client!.ClientId!, action: 'delete', describe: `delete app client ${client!.ClientId}` });
    if (madeHere(located.adminUser)) steps.push({ resource: 'adminUser', id: target.adminEmail!, action: 'delete', describe: `delete user ${target.adminEmail} from user pool ${pool.Id}` });
    if (madeHere(located.adminGroup)) steps.push({ resource: 'adminGroup', id: target.adminGroup, action: 'delete', describe: `delete group ${target.adminGroup} from user pool ${pool.Id}` });
  }
  if (poolGoes) {
    // AWS refuses to delete a pool with a domain, and setup never makes one: it is a person's (their
    // hosted sign-in pages, maybe their DNS), so it is theirs to delete, and teardown touches nothing
    // until then.
    for (const domain of [pool!.Domain, pool!.CustomDomain].filter((name): name is string => Boolean(name))) {
      blocked.push({
        reason: `user pool ${pool!.Id} has the domain ${domain}, which mmbatch-auth did not make (AWS deletes no pool with a domain)`,
        hint: `if nothing uses it any more, delete it (aws cognito-idp delete-user-pool-domain --domain ${domain} --user-pool-id ${pool!.Id}), then run teardown again`,
      });
    }
    steps.push({
      resource: 'userPool',
      id: pool!.Id!,
      action: 'delete',
      describe: `delete user pool ${pool!.Id} with its users and groups${pool!.DeletionProtection === 'ACTIVE' ? ' (lifting its deletion protection)' : ''}`,
    });
    // Its clients go with it, the twins a concurrent run made in it too.
    for (const { note } of located.appClient.leftovers ?? []) handled.add(note);
    for (const { live, note } of located.userPool.leftovers ?? []) {
      handled.add(note);
      // Setup makes no domain: one on a twin is a person's, and AWS deletes no pool with one.
      if (live.Domain || live.CustomDomain) {
        kept.push({ resource: 'userPool', id: live.Id!, reason: `${TWIN}, has the domain ${live.Domain ?? live.CustomDomain}, which mmbatch-auth did not make (AWS deletes no pool with a domain)` });
        continue;
      }
      steps.push({
        resource: 'userPool',
        id: live.Id!,
        action: 'delete',
        describe: `delete user pool ${live.Id}, ${TWIN}, with its users and groups${live.DeletionProtection === 'ACTIVE' ? ' (lifting its deletion protection)' : ''}`,
        leftover: true,
      });
    }
  }
  const notes = Object.values(located).flatMap((found) => (found as Found<unknown>).notes.filter((note) => !handled.has(note)));
  return { steps, kept, blocked, notes, located };
}

const TWIN = 'a twin a concurrent run of this setup left';

/**
 * The providers an adopted identity pool loses: those naming the app client setup made, which
 * teardown deletes (setup added them). One that a role mapping is keyed by stays (`mapped`): the
 * mapping is someone's, and AWS refuses every SetIdentityPoolRoles while a mapping names a
 * provider the pool does not have.
 */
function releasedProviders(located: Located): { keys: string[]; mapped: string[] } {
  const naming = madeHere(located.appClient) ? providersOfClient(located.identityPool.live!, located.appClient.live!.ClientId!) : [];
  const mappings = new Set(Object.keys(located.identityPoolRoles.live?.RoleMappings ?? {}));
  return { keys: naming.filter((key) => !mappings.has(key)), mapped: naming.filter((key) => mappings.has(key)) };
}

/** What the kept identity pool's line adds for the providers it keeps for someone's mappings. */
function keptForMappings(mapped: string[]): string {
  if (mapped.length === 0) return '';
  const which = mapped.length === 1 ? `its provider ${mapped[0]} stays: a role mapping someone wrote is keyed by it` : `its providers ${mapped.join(', ')} stay: role mappings someone wrote are keyed by them`;
  return `; ${which} (AWS refuses a mapping for a provider the pool does not have)`;
}

/** Refuses a blocked plan, before its first step. */
export function refuseBlockedTeardown(plan: TeardownPlan): void {
  const [first, ...more] = plan.blocked;
  if (!first) return;
  throw new BlockedError(`teardown cannot go on, nothing was changed: ${first.reason}`, {
    hint: more.length ? `${first.hint}; and ${more.length} more: see \`mmbatch-auth teardown --dry-run\`` : first.hint,
  });
}

/** What the record forgets once a step is done. */
const FORGETS: Partial<Record<ResourceKind, RecordedKind[]>> = {
  identityPool: ['identityPool'],
  iamRole: ['iamRole'],
  appClient: ['appClient'],
  adminUser: ['adminUser'],
  adminGroup: ['adminGroup'],
  userPool: ['userPool', 'appClient', 'adminGroup', 'adminUser'],
};

export interface TeardownDeps {
  env: ResourceEnv;
  record: SetupRecordHandle;
  progress: { start(step: string, label: string): void; done(step: string, line: string, ok?: boolean): void };
  /** An admin token the server accepts under its current settings, to turn Cognito off. */
  serverBearer(live: CognitoServerSettings): Promise<string>;
  /** Tokens of a deleted pool are of no use: forget them. */
  forgetTokens(userPoolId: string, clientId: string | undefined): void;
  /** AWS credentials kept for a deleted identity pool's identities (its user pool may stay): forget them. */
  forgetAwsCredentials?(identityPoolId: string): void;
}

/** Runs the confirmed plan: the server first, then everything else as concurrently as it can go. */
export async function applyTeardown(deps: TeardownDeps, plan: TeardownPlan, target: TeardownTarget): Promise<TeardownStep[]> {
  const { env, record } = deps;
  const { located } = plan;
  refuseBlockedTeardown(plan);
  const done: TeardownStep[] = [];
  const has = (resource: ResourceKind) => plan.steps.some((step) => step.resource === resource && !step.leftover);
  /** The setup's own step of a kind is keyed by the kind; a twin's by its ID too. */
  const keyOf = (step: TeardownStep) => (step.leftover ? `${step.resource} ${step.id}` : step.resource);
  const stepOf = (step: TeardownStep, work: () => Promise<void>, after: string[] = []): Step => ({
    after: [...(has('server') && step.resource !== 'server' ? ['server'] : []), ...after.filter((key) => has(key as ResourceKind))],
    async run() {
      const { resource } = step;
      const key = keyOf(step);
      deps.progress.start(key, step.describe);
      try {
        await work();
      } catch (error) {
        deps.progress.done(key, `${labelOf(resource)} ${step.id}: failed`, false);
        throw error;
      }
      // A twin was never in the record: forgetting its kind would forget the setup's own.
      const forgets = !step.leftover && (step.action === 'delete' || step.action === 'release') ? FORGETS[resource] : undefined;
      if (forgets) record.forget(...forgets);
      done.push(step);
      deps.progress.done(key, doneLine(step));
      return undefined;
    },
  });
  const ids = { userPool: located.userPool.live?.Id, identityPool: located.identityPool.live?.IdentityPoolId, iamRole: located.iamRole.live?.role.Arn };
  // What an adopted identity pool's provider names goes only once the provider is out: a teardown
  // stopped between the two would leave a provider naming nothing that no later run could find.
  const providerFirst = plan.steps.some((step) => step.resource === 'identityPool' && step.action === 'release') ? ['identityPool'] : [];
  const steps: Record<string, Step> = {};
  for (const step of plan.steps) {
    if (step.leftover) {
      steps[keyOf(step)] = stepOf(step, () => removeTwin(step));
      continue;
    }
    switch (step.resource) {
      case 'server':
        steps.server = stepOf(step, async () => {
          const bearer = await deps.serverBearer(located.server!.live!);
          await serverCognito.remove(env, located.server!.live!, { server: target.server!, bearer });
        });
        break;
      case 'identityPoolRoles':
        steps.identityPoolRoles = stepOf(step, () => identityPoolRoles.remove(env, located.identityPoolRoles.live!, ids));
        break;
      case 'identityPool':
        steps.identityPool =
          step.action === 'release'
            ? stepOf(step, () => releaseProviders(env, located.identityPool.live!, releasedProviders(located).keys), ['identityPoolRoles'])
            : stepOf(step, async () => {
                await identityPool.remove(env, located.identityPool.live!, ids);
                deps.forgetAwsCredentials?.(located.identityPool.live!.IdentityPoolId!);
              });
        break;
      case 'iamRole':
        steps.iamRole = stepOf(
          step,
          () => (step.action === 'release' ? releaseReusedRole(env, located.iamRole.live!) : iamRole.remove(env, located.iamRole.live!, { setupName: target.name })),
          ['identityPoolRoles'],
        );
        break;
      case 'appClient':
        steps.appClient = stepOf(step, () => appClient.remove(env, located.appClient.live!, ids), providerFirst);
        break;
      case 'adminUser':
        steps.adminUser = stepOf(step, () => adminUser.remove(env, located.adminUser.live!, ids));
        break;
      case 'adminGroup':
        steps.adminGroup = stepOf(step, () => adminGroup.remove(env, located.adminGroup.live!, ids));
        break;
      case 'userPool':
        steps.userPool = stepOf(step, async () => {
          await removeUserPool(env, located.userPool.live!, target.server && (() => serverStillOff(target.server!, located.userPool.live!.Id!, target.name)));
          deps.forgetTokens(located.userPool.live!.Id!, located.appClient.live?.ClientId);
        }, providerFirst);
        break;
    }
  }
  /** A twin's pool, as the setup's own goes: the server asked once more before a user pool goes. */
  async function removeTwin(step: TeardownStep): Promise<void> {
    if (step.resource === 'identityPool') {
      const live = located.identityPool.leftovers!.find((leftover) => leftover.live.IdentityPoolId === step.id)!.live;
      await identityPool.remove(env, live, {});
      deps.forgetAwsCredentials?.(step.id);
      return;
    }
    const live = located.userPool.leftovers!.find((leftover) => leftover.live.Id === step.id)!.live;
    await removeUserPool(env, live, target.server && (() => serverStillOff(target.server!, step.id, target.name)));
    deps.forgetTokens(step.id, undefined);
  }
  await runSteps(steps);
  // The setup is gone: its record goes too (what it had adopted is handed back as it is).
  record.remove();
  return done;
}

/**
 * The server, asked once more right before the user pool goes: a setup of this name run elsewhere
 * (another machine, another CI job: they share no lock) may have pushed its proven settings since
 * teardown turned Cognito off, switching the server back to this very pool. Deleting it then would
 * leave the server pointed at a pool that is gone, and nobody could sign in to it.
 */
async function serverStillOff(server: MmbatchServerClient, userPoolId: string, name: string): Promise<void> {
  const now = await readCognitoSettings(server);
  if (serverUses(now, { userPool: userPoolId })) {
    throw new BlockedError(`the MMBatch server ${server.url} was switched to user pool ${userPoolId} while teardown ran (a setup of '${name}' elsewhere?): the pool is kept, with its deletion protection`, {
      hint: 'once that setup is done, run teardown again: it turns the server off first',
    });
  }
}

function doneLine(step: TeardownStep): string {
  switch (step.action) {
    case 'disable':
      return `Cognito turned off on ${step.id}`;
    case 'unmap':
      return `role unmapped from identity pool ${step.id}`;
    case 'release':
      return step.resource === 'identityPool' ? `setup's provider removed from identity pool ${step.id}` : `setup's trust statement removed from ${step.id}`;
    default:
      return `${labelOf(step.resource)} ${step.id} deleted`;
  }
}
