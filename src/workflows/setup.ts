// setup: find what the setup already has (locate.ts), plan every resource against the safe
// settings (typed plans: what changes, what is blocked), refuse before the first write if anything
// is blocked, confirm on a terminal, then apply: one step per resource, run as concurrently as the
// registry's dependencies allow, each recorded in the settings file the moment it is done.
//
// The server is the commit point: its step waits for every AWS step, for the proof (the admin
// signs in to the new pool; the admin's ID token gets AWS credentials through the identity pool),
// and for the race checks. Any failure before it leaves the server exactly as it was.
import type { Origin } from '../config/settings.js';
import type { SetupRecordHandle } from '../config/setupRecord.js';
import { BlockedError, MissingValueError } from '../errors.js';
import { appliedId, DONE, type Blocker, type Plan, type PlanAction, type ResourceEnv, type ResourceKind, type SettingChange, type UpstreamIds, type Warning } from '../resources/plan.js';
import { REGISTRY, RESOURCE_ORDER, labelOf } from '../resources/registry.js';
import type { LiveAdminUser } from '../resources/adminUser.js';
import { staleMappingBlocker, staleMappingKeys } from '../resources/identityPoolRoles.js';
import { enforcesSetup, readConfigAs, type PushCredentials } from '../resources/serverSettings.js';
import type { CognitoServerSettings } from '../server/cognitoSettings.js';
import { desiredState, isPending, pendingId, type SetupInputs, type Wants } from './desired.js';
import { locateSetup, nothing, type Found, type Located } from './locate.js';
import { identityOf, proveIdentityPool } from './proof.js';
import { RaceLostError, settleRace, type RaceKind } from './race.js';
import { runSteps, type Step } from './runner.js';
import { earlyPoolIsOlder, makePoolEarly, mayMakePoolEarly, removeEarlyPool, type EarlyPool } from './earlyPool.js';
import { readCognitoSettings } from '../server/cognitoSettings.js';
import type { Tokens } from '../auth/store/tokens.js';

/** How the workflow reaches what is outside it: tokens (sign-in and cache), progress, the prompt. */
export interface SetupDeps {
  env: ResourceEnv;
  record: SetupRecordHandle;
  ownedElsewhere: Map<string, string>;
  dryRun: boolean;
  progress: { start(step: string, label: string): void; done(step: string, line: string, ok?: boolean): void };
  /**
   * The CLI's checks once everything is located and planned and before the first write, in every run
   * that may write (interactive or not; never in a dry run): throwing stops the run with nothing changed.
   */
  preflight?: Preflight;
  /**
   * The preflight's checks that need no AWS answer (the password against a new pool's policy): a run
   * from nothing that asks nobody makes its user pool beside the first reads once they pass.
   */
  offlineChecks?: (inputs: SetupInputs) => void;
  /** Shows the plan and asks; absent when not interactive (--yes, CI, no terminal). Called after the preflight. */
  confirm?: (plans: Plan[], notes: string[]) => Promise<boolean>;
  /**
   * The admin's sign-in to the new pool (the password is an input). Its challenges (a one-time
   * code; setting up an authenticator app where the pool requires MFA) are answered as `token`
   * answers them, unless `answerChallenges` is false (the early probe of the password): then a
   * challenge ends the sign-in with ChallengeDeferred, which says the password was right.
   */
  signIn(target: { userPoolId: string; clientId: string; username: string; password: string }, options?: { answerChallenges?: boolean }): Promise<Tokens>;
  /**
   * On a terminal, with MFA optional: offers the first admin (who can change the server) an
   * authenticator app, before the server is switched.
   */
  offerAdminMfa?(tokens: Tokens, username: string): Promise<void>;
  cachedTokens(target: { userPoolId: string; clientId: string; username: string }): Tokens | undefined;
  /**
   * Without a password among the inputs (server push): the admin's session, as `token` gets it
   * (cache, refresh token, then a password from stdin, the environment or a prompt).
   */
  sessionTokens?(target: { userPoolId: string; clientId: string; username: string }): Promise<Tokens>;
  /** An admin token the server accepts under its current settings (they name another pool). */
  currentServerBearer(live: CognitoServerSettings): Promise<string | undefined>;
  /** What the deps still finish once the run is over (tokens on their way into the cache): awaited before it returns. */
  finish?(): Promise<void>;
}

/** What the preflight sees: what was found, and the plans made from it. */
export type Preflight = (check: { located: Located; plans: Partial<Record<ResourceKind, Plan>>; inputs: SetupInputs }) => Promise<void>;

export interface ChangeReport {
  resource: ResourceKind;
  id?: string;
  action: PlanAction | 'created' | 'updated';
  origin: Origin;
  changes: SettingChange[];
  warnings: Warning[];
  /** Why apply would refuse (a dry run shows them; a real run stops before its first write). */
  blocked: Blocker[];
}

export interface SetupOutcome {
  region: string;
  ids: UpstreamIds;
  adminGroup: string;
  adminUsername: string;
  /** pinned: its TLS certificate is trusted through the setup's record (not the public roots). */
  server: { url: string; enabled: boolean; verified: boolean; pinned?: boolean } | null;
  changes: ChangeReport[];
  notes: string[];
  /** False when the user declined at the confirmation: nothing was changed. */
  applied: boolean;
  proven: boolean;
}

const RECORDED: Partial<Record<ResourceKind, true>> = { userPool: true, appClient: true, adminGroup: true, adminUser: true, identityPool: true, iamRole: true };
const RACED: RaceKind[] = ['userPool', 'appClient', 'identityPool'];
/** What lives inside what: a pool made just now holds nothing yet. */
const CONTAINER: Partial<Record<ResourceKind, ResourceKind>> = { appClient: 'userPool', adminGroup: 'userPool', adminUser: 'userPool', identityPoolRoles: 'identityPool' };
const MAX_ATTEMPTS = 3;

/**
 * What a run makes or repairs. setup: everything, then the proof and the server. A single-resource
 * command: its resources only (what they need is found, never changed), a partial desired state
 * (`self-signup disable` wants one setting), and never a creation when `mustExist`.
 */
export interface ConvergeScope {
  only?: ReadonlySet<ResourceKind>;
  wants?: (wants: Wants) => Wants;
  mustExist?: boolean;
  /** False for a command on a resource no setup records (`self-signup disable --user-pool-id`). */
  record?: boolean;
}

const ALL: ReadonlySet<ResourceKind> = new Set(RESOURCE_ORDER);

/** `only` and everything it needs, transitively: what must be found. */
export function withNeeds(only: ReadonlySet<ResourceKind>): Set<ResourceKind> {
  const closure = new Set<ResourceKind>();
  const add = (kind: ResourceKind) => {
    if (closure.has(kind)) return;
    closure.add(kind);
    REGISTRY[kind].needs.forEach(add);
  };
  only.forEach(add);
  return closure;
}

export async function runSetup(deps: SetupDeps, inputs: SetupInputs, scope: ConvergeScope = {}): Promise<SetupOutcome> {
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        return await setupOnce(deps, inputs, scope);
      } catch (error) {
        if (!(error instanceof RaceLostError) || attempt >= MAX_ATTEMPTS) throw error;
        deps.env.log.warn(`${error.message}; carrying on with it`);
      }
    }
  } finally {
    await deps.finish?.();
  }
}

/** The plans made from what was found, before anything is written (pending IDs stand for new resources). */
export function planSetup(located: Located, inputs: SetupInputs, scope: ConvergeScope = {}): { plans: Partial<Record<ResourceKind, Plan>>; wants: Wants } {
  const ids: UpstreamIds = {
    userPool: located.userPool.live?.Id,
    appClient: located.appClient.live?.ClientId,
    identityPool: located.identityPool.live?.IdentityPoolId,
    iamRole: located.iamRole.live?.role.Arn,
  };
  const wants = (scope.wants ?? ((w: Wants) => w))(desiredState(inputs, ids));
  const only = scope.only ?? ALL;
  const plans: Partial<Record<ResourceKind, Plan>> = {};
  for (const kind of RESOURCE_ORDER) {
    const found = (located as unknown as Record<string, Found<unknown> | undefined>)[kind];
    if (kind === 'server' && !located.server) continue;
    if (!only.has(kind)) {
      // Needed, not changed: it must exist already.
      if (withNeeds(only).has(kind) && !found?.live && kind !== 'adminGroup') {
        plans[kind] = { kind, action: 'create', origin: 'created', changes: [], warnings: [], blocked: [{ reason: `there is no ${labelOf(kind)} yet`, hint: 'run `mmbatch-auth setup` first (or name it with its flag)' }] };
      }
      continue;
    }
    // A pool about to be made is empty: nothing inside it can exist yet.
    const container = CONTAINER[kind];
    const live = container && plans[container]?.action === 'create' ? undefined : found?.live;
    const plan = REGISTRY[kind].resource.plan(live, wants[kind as keyof Wants], found?.origin ?? 'created');
    plan.blocked.push(...(found?.blocked ?? []));
    if (scope.mustExist && plan.action === 'create') plan.blocked.push({ reason: `there is no ${labelOf(kind)} to change`, hint: 'name it with its flag, or run `mmbatch-auth setup` first' });
    plans[kind] = plan;
  }
  // A pool setup did not make keeps its role mappings, sent back as they are; AWS refuses the whole
  // request while one names a provider the pool will not have: refused here, before the first write.
  const roles = plans.identityPoolRoles;
  const identityPoolLive = located.identityPool.live;
  if (roles && roles.action !== 'unchanged' && roles.origin !== 'created' && identityPoolLive && located.identityPoolRoles.live) {
    for (const key of staleMappingKeys(identityPoolLive, located.identityPoolRoles.live, wants.identityPoolRoles.provider)) {
      roles.blocked.push(staleMappingBlocker(identityPoolLive.IdentityPoolId!, key, 'setup'));
    }
  }
  return { plans, wants };
}

export function blockersOf(plans: Partial<Record<ResourceKind, Plan>>): string[] {
  return Object.values(plans).flatMap((plan) => plan!.blocked.map((b) => `${labelOf(plan!.kind)}: ${b.reason}${b.hint ? ` (${b.hint})` : ''}`));
}

async function setupOnce(deps: SetupDeps, inputs: SetupInputs, scope: ConvergeScope): Promise<SetupOutcome> {
  const { env, dryRun } = deps;
  const only = scope.only ?? ALL;
  const whole = only === ALL;
  // A command on a resource no setup records reads the record but never writes it.
  const record = scope.record === false ? deps.record.readOnly() : deps.record;
  // The server is read once, first: whether the user pool may be made beside the reads depends on its answer.
  const serverSettings = inputs.server && withNeeds(only).has('server') ? readCognitoSettings(inputs.server) : undefined;
  serverSettings?.catch(() => undefined);
  const target = { name: inputs.name, region: inputs.region, adminEmail: inputs.adminEmail, adminGroup: inputs.adminGroup, handedOver: inputs.handedOver, server: inputs.server, serverSettings };
  const recordExisted = record.exists();
  const recordChoices = () =>
    record.update({ region: inputs.region, adminGroup: inputs.adminGroup, adminUsername: inputs.adminEmail, authFlows: inputs.authFlows, mfa: inputs.mfa, threatProtection: inputs.threatProtection });
  const earlyConditions = { unattended: !dryRun && !deps.confirm, whole, offlineChecks: deps.offlineChecks };
  const earlyPoolMade = mayMakePoolEarly(inputs, record, earlyConditions) ? makePoolEarly(env, inputs, record, earlyConditions, serverSettings, recordChoices) : undefined;
  earlyPoolMade?.catch(() => undefined);

  // The password proof of an admin who exists already starts with the reads (a re-run is then one round).
  const recorded = record.get().resources;
  const probeTarget =
    inputs.adminPassword && recorded.userPool && recorded.appClient && !dryRun
      ? { userPoolId: recorded.userPool.id, clientId: recorded.appClient.id, username: inputs.adminEmail, password: inputs.adminPassword }
      : undefined;
  const probe = probeTarget ? deps.signIn(probeTarget, { answerChallenges: false }) : undefined;
  probe?.catch(() => undefined);

  /**
   * A refused run leaves nothing behind: the early pool goes, and the record it started. Should the
   * pool's removal fail too, the run's own error is still the one to tell; the pool stays recorded
   * for the next run.
   */
  const undoEarlyPool = async (made: EarlyPool | undefined): Promise<void> => {
    if (made) {
      try {
        await removeEarlyPool(env, made, record);
      } catch (error) {
        env.log.warn(`the user pool ${made.id}, made beside the first reads, could not be removed (${(error as Error).message}): it is recorded, and the next setup uses it (or teardown removes it)`);
        return;
      }
    }
    if (!recordExisted && Object.keys(record.get().resources).length === 0) record.remove();
  };

  deps.progress.start('locate', 'reading what exists');
  let early: EarlyPool | undefined;
  let located: Located;
  try {
    [located, early] = await Promise.all([locateSetup(env, target, record, deps.ownedElsewhere, withNeeds(only) as ReadonlySet<keyof Located>), earlyPoolMade]);
  } catch (error) {
    // A failed read (or a refused creation): the pool made beside the reads, if it was, goes again.
    if (earlyPoolMade) await undoEarlyPool(await earlyPoolMade.catch(() => undefined));
    throw error;
  }
  deps.progress.done('locate', 'read what exists');
  if (early) {
    const found = located.userPool.live?.Id;
    if (found === early.id) {
      // The reads saw only the pool made beside them: as far as the plan goes, there was none.
      located.userPool = nothing();
    } else if (found && (await earlyPoolIsOlder(env, early, located.userPool.live!))) {
      // Another run's pool, made after ours (the reads missed ours, made beside them): ours is the
      // older twin, so it is used, as the race check of every run decides; theirs is theirs to remove.
      // Nothing was read inside their pool that belongs to ours: ours is empty.
      located.userPool = nothing();
      located.appClient = nothing();
      located.adminGroup = nothing();
      located.adminUser = nothing();
    } else if (found) {
      // A pool of this setup that no record knew: the early one is its newer twin, removed at once.
      // Should that fail, the run stops with that error; the twin stays recorded, and the next run's
      // race check keeps the older pool (this one) and removes the twin.
      const twin = early;
      await removeEarlyPool(env, twin, record).catch((error: unknown) => {
        env.log.warn(`the user pool ${twin.id}, made beside the first reads, is a newer twin of this setup's ${found} and could not be removed: the next setup removes it and keeps ${found}`);
        throw error;
      });
      early = undefined;
    }
  }
  const earlyId = early?.id;
  const notes = Object.values(located)
    .flatMap((found) => (found as Found<unknown>).notes)
    .filter((note) => !earlyId || !note.includes(earlyId));
  /** Before the first write of its own, a run refused takes the early pool away again. */
  const refuse = async (error: unknown): Promise<never> => {
    if (early) await undoEarlyPool(early);
    throw error;
  };

  const adminFound = located.adminUser.live;
  let probeTokens: Tokens | undefined;
  if (probe && adminFound && adminFound.status === 'CONFIRMED' && located.userPool.live?.Id === probeTarget!.userPoolId && located.appClient.live?.ClientId === probeTarget!.clientId) {
    try {
      probeTokens = await probe;
      (adminFound as LiveAdminUser).passwordWorks = true;
    } catch (error) {
      // A wrong password is an answer about the password; anything else (a client that no longer
      // allows the flow, say) says nothing about it: the sign-in after the repairs will tell.
      if (isAuthFailure(error)) (adminFound as LiveAdminUser).passwordWorks = false;
    }
  }

  const { plans } = planSetup(located, inputs, scope);
  const blocked = blockersOf(plans);
  if (blocked.length && !dryRun) {
    await refuse(
      new BlockedError(`setup cannot go on: ${blocked[0]}`, {
        hint: blocked.length > 1 ? `and ${blocked.length - 1} more: see \`mmbatch-auth setup --dry-run\`` : undefined,
      }),
    );
  }
  const serverChanges = plans.server && plans.server.action !== 'unchanged';
  if (serverChanges && !inputs.adminPassword && !dryRun && !deps.sessionTokens) {
    const cached = located.userPool.live && located.appClient.live
      ? deps.cachedTokens({ userPoolId: located.userPool.live.Id!, clientId: located.appClient.live.ClientId!, username: inputs.adminEmail })
      : undefined;
    if (!cached) {
      await refuse(new MissingValueError(
        "the admin's password (the server is switched only after the admin has signed in to the new pool)",
        '--admin-password-stdin',
        'MMBATCH_AUTH_PASSWORD',
      ));
    }
  }

  const anythingToDo = Object.values(plans).some((plan) => plan!.action !== 'unchanged');
  if (deps.preflight && !dryRun) await deps.preflight({ located, plans, inputs }).catch(refuse);
  if (deps.confirm && anythingToDo && !dryRun) {
    if (!(await deps.confirm(Object.values(plans) as Plan[], notes))) {
      return outcome(inputs, {}, plans, [], notes, false, false, located.server?.live);
    }
  }
  if (!dryRun && whole) recordChoices();
  else if (!dryRun && scope.record !== false) record.update({ region: inputs.region });

  // ---- apply ---------------------------------------------------------------------------------
  const reports: ChangeReport[] = [];
  const createdNow = new Set<ResourceKind>();
  const groupDone = deferred();
  /** What resources still finish after their IDs were handed on (a new pool's MFA configuration). */
  const finishing: Promise<void>[] = [];
  const races: Promise<void>[] = [];
  const ids: UpstreamIds = {};

  const resourceStep = (kind: ResourceKind): Step<string> => ({
    after: REGISTRY[kind].needs,
    run: kind === 'adminGroup' ? () => settle(groupDone, runResource(kind)) : () => runResource(kind),
  });
  const runResource = async (kind: ResourceKind): Promise<string> => {
    {
      const entry = REGISTRY[kind];
      const found = (located as unknown as Record<string, Found<unknown>>)[kind];
      if (!only.has(kind)) {
        // Needed, not changed: its ID as found.
        const id = kind === 'adminGroup' ? inputs.adminGroup : kind === 'adminUser' ? inputs.adminEmail : plans[kind]?.id ?? idOfFound(kind, found);
        if (id) ids[kind] = id;
        return id ?? '';
      }
      const wants = (scope.wants ?? ((w: Wants) => w))(desiredState(inputs, ids));
      const resourceScope =
        kind === 'iamRole' ? { identityPool: ids.identityPool, setupName: inputs.name } : kind === 'adminUser' ? { ...ids, groupReady: groupDone.promise } : { ...ids };
      // What was found is still the live state, unless what it lives in was made just now (empty).
      const container = CONTAINER[kind];
      const live = container && createdNow.has(container) ? undefined : found?.live;
      const plan = entry.resource.plan(live, wants[kind as keyof Wants], found?.origin ?? 'created');
      // What locate refused (another setup's, a pool that does not exist): a dry run reports it as the real run refuses it.
      plan.blocked.push(...(found?.blocked ?? []));
      if (plan.blocked.length && !dryRun) throw new BlockedError(`setup cannot go on: ${labelOf(kind)}: ${plan.blocked[0].reason}`, { hint: plan.blocked[0].hint });
      deps.progress.start(kind, labelOf(kind));
      try {
        // The pool made beside the reads is this plan's creation, done already.
        const made = kind === 'userPool' && plan.action === 'create' ? early?.applied : undefined;
        const applied = dryRun ? plan.id ?? pendingId(labelOf(kind)) : made ?? (await entry.resource.apply(env, plan, wants[kind as keyof Wants], resourceScope));
        if (typeof applied !== 'string') finishing.push(applied.finishing);
        const id = appliedId(applied);
        if (plan.action === 'create') createdNow.add(kind);
        ids[kind] = id;
        if (!dryRun && RECORDED[kind]) {
          const raced = (RACED as string[]).includes(kind) && (plan.action === 'create' || found?.unsettled);
          record.setResource(entry.recorded!, id, plan.origin, raced ? {} : { settled: true });
          if (raced) races.push(raceCheck(kind as RaceKind, id));
        }
        reports.push({ resource: kind, id: isPending(id) ? undefined : id, action: dryRun ? plan.action : DONE[plan.action], origin: plan.origin, changes: plan.changes, warnings: plan.warnings, blocked: plan.blocked });
        deps.progress.done(kind, describeDone(kind, id, plan, dryRun));
        return id;
      } catch (error) {
        deps.progress.done(kind, `${labelOf(kind)}: failed`, false);
        throw error;
      }
    }
  };

  const raceCheck = (kind: RaceKind, id: string): Promise<void> => {
    const check = settleRace(env, kind, id, inputs.name, deps.ownedElsewhere, kind === 'appClient' ? ids.userPool : undefined).then(() => record.markSettled(kind));
    check.catch(() => undefined);
    return check;
  };

  let tokens: Tokens | undefined;
  let proven = false;
  const steps: Record<string, Step> = {};
  for (const kind of RESOURCE_ORDER) if (kind !== 'server') steps[kind] = resourceStep(kind);
  if (!only.has('server')) {
    // A single-resource command: its resources and what they need; no proof, no server.
    for (const key of Object.keys(steps)) if (!withNeeds(only).has(key as ResourceKind)) delete steps[key];
    await runSteps(steps);
    await Promise.all([...races, ...finishing]);
    return outcome(inputs, ids, plans, reports, notes, true, false, undefined);
  }

  steps.tokens = {
    after: ['adminUser', 'appClient', 'adminGroup'],
    async run() {
      if (dryRun) return undefined;
      // With MFA required the admin's sign-in must meet it (MFA_SETUP, answered now): the pool's MFA first.
      if (inputs.mfa === 'required') await Promise.all(finishing);
      const userPoolId = ids.userPool!;
      const clientId = ids.appClient!;
      const untouched = !createdNow.has('userPool') && reportOf(reports, 'adminUser')?.action === 'unchanged' && reportOf(reports, 'appClient')?.action === 'unchanged';
      if (probeTokens && untouched) tokens = probeTokens;
      else if (inputs.adminPassword) tokens = await deps.signIn({ userPoolId, clientId, username: inputs.adminEmail, password: inputs.adminPassword });
      else if (deps.sessionTokens) tokens = await deps.sessionTokens({ userPoolId, clientId, username: inputs.adminEmail });
      else tokens = deps.cachedTokens({ userPoolId, clientId, username: inputs.adminEmail });
      // MFA optional: the admin may still have no authenticator; offer one while it is cheap to ask.
      const adminHasTotp = (located.adminUser.live?.mfa ?? []).includes('SOFTWARE_TOKEN_MFA') && !createdNow.has('userPool');
      if (tokens && deps.offerAdminMfa && inputs.mfa === 'optional' && !adminHasTotp && whole) {
        await Promise.all(finishing); // an authenticator needs TOTP on in the pool
        await deps.offerAdminMfa(tokens, inputs.adminEmail);
      }
      return undefined;
    },
  };

  const changedAnything = () => reports.some((report) => report.action !== 'unchanged');
  const proofNeeded = () => !dryRun && Boolean(tokens) && ((plans.server && plans.server.action !== 'unchanged') || changedAnything());
  const proofInput = () => ({ region: inputs.region, userPoolId: ids.userPool!, identityPoolId: ids.identityPool!, idToken: tokens!.idToken });
  let identity: Promise<string> | undefined;
  // GetId needs the admin's token and the identity pool, not the role: it starts beside the mapping.
  steps.identity = {
    after: ['tokens', 'identityPool'],
    async run() {
      if (proofNeeded()) {
        identity = identityOf(env, proofInput());
        identity.catch(() => undefined);
      }
      return undefined;
    },
  };
  steps.proof = {
    // After the race checks too: a run that lost a race proves nothing (its pool is gone), it starts again.
    after: ['identity', 'identityPoolRoles', 'iamRole', 'races'],
    async run() {
      if (!proofNeeded()) return undefined;
      deps.progress.start('proof', 'proving the setup');
      try {
        await proveIdentityPool(env, proofInput(), identity);
      } catch (error) {
        deps.progress.done('proof', 'proof: failed', false);
        throw error;
      }
      proven = true;
      deps.progress.done('proof', `the admin signed in and got AWS credentials through identity pool ${ids.identityPool}`);
      return undefined;
    },
  };

  steps.races = {
    after: RESOURCE_ORDER.filter((kind) => kind !== 'server'),
    async run() {
      // The commit point waits for every race check and for what the resources still finish.
      await Promise.all([...races, ...finishing]);
      return undefined;
    },
  };

  let serverResult: SetupOutcome['server'] = null;
  if (inputs.server && located.server?.live) {
    const server = inputs.server;
    let liveServer = located.server.live;
    steps.server = {
      after: ['proof', 'races', ...REGISTRY.server.needs],
      async run() {
        const want = desiredState(inputs, ids).server;
        // Read again at the commit point: since the first read, another run (or a person) may have switched it.
        const firstPlan = REGISTRY.server.resource.plan(liveServer, want, 'adopted');
        if (!dryRun && firstPlan.action !== 'unchanged') liveServer = await REGISTRY.server.resource.read(env, server.url, { server });
        let plan = REGISTRY.server.resource.plan(liveServer, want, 'adopted');
        deps.progress.start('server', `MMBatch server ${server.url}`);
        try {
          if (!dryRun && plan.action === 'unchanged' && tokens) {
            // Nothing to switch, says the GET that needs no token; a cache or proxy may answer it, and a
            // server with Cognito off takes any bearer. The authenticated config (the proof's own call)
            // is what the server enforces: if it names anything else, the server is switched after all.
            const enforced = await readConfigAs(server, tokens.accessToken);
            if (!enforcesSetup(enforced, want)) {
              liveServer = { ...enforced, region: enforced.region || liveServer.region };
              plan = REGISTRY.server.resource.plan(liveServer, want, 'adopted');
              if (plan.action === 'unchanged') plan = { ...plan, action: enforced.enabled ? 'update' : 'create' };
            } else {
              record.update({ server: server.recordEntry() });
            }
          }
          if (!dryRun && plan.action !== 'unchanged') {
            if (!tokens) throw new MissingValueError("the admin's password (the server checks an admin token before it enables Cognito)", '--admin-password-stdin', 'MMBATCH_AUTH_PASSWORD');
            const credentials: PushCredentials = { adminToken: tokens.accessToken };
            if (liveServer.enabled && liveServer.userPoolID !== ids.userPool) credentials.currentBearer = await deps.currentServerBearer(liveServer);
            await REGISTRY.server.resource.apply(env, plan, { ...want, credentials }, { server });
            record.update({ server: server.recordEntry() });
          }
        } catch (error) {
          deps.progress.done('server', `MMBatch server ${server.url}: failed`, false);
          throw error;
        }
        reports.push({ resource: 'server', id: server.url, action: dryRun ? plan.action : DONE[plan.action], origin: 'adopted', changes: plan.changes, warnings: plan.warnings, blocked: plan.blocked });
        serverResult = { url: server.url, enabled: dryRun ? liveServer.enabled : true, verified: !dryRun && Boolean(tokens), pinned: Boolean(server.trust.pem) };
        deps.progress.done('server', dryRun ? `MMBatch server ${server.url}: would be ${plan.action === 'unchanged' ? 'left as it is' : 'switched'}` : `MMBatch server ${server.url} ${DONE[plan.action]}${tokens ? ' (verified with a real token)' : ''}`);
        return undefined;
      },
    };
  }

  await runSteps(steps).catch(async (error) => {
    // A lost race explains whatever else failed (a sign-in to the pool it removed): say that, and start again.
    const lost = (await Promise.allSettled(races)).find((race) => race.status === 'rejected' && race.reason instanceof RaceLostError);
    throw lost ? (lost as PromiseRejectedResult).reason : error;
  });
  return { ...outcome(inputs, ids, plans, reports, notes, true, proven, located.server?.live), server: serverResult };
}

function outcome(
  inputs: SetupInputs,
  ids: UpstreamIds,
  plans: Partial<Record<ResourceKind, Plan>>,
  reports: ChangeReport[],
  notes: string[],
  applied: boolean,
  proven: boolean,
  server: CognitoServerSettings | undefined,
): SetupOutcome {
  const ordered = reports.length
    ? [...reports].sort((a, b) => RESOURCE_ORDER.indexOf(a.resource) - RESOURCE_ORDER.indexOf(b.resource))
    : (Object.values(plans) as Plan[]).map((plan) => ({ resource: plan.kind, id: plan.id, action: plan.action, origin: plan.origin, changes: plan.changes, warnings: plan.warnings, blocked: plan.blocked }));
  const clean = (id: string | undefined) => (isPending(id) ? undefined : id);
  return {
    region: inputs.region,
    ids: { userPool: clean(ids.userPool), appClient: clean(ids.appClient), identityPool: clean(ids.identityPool), iamRole: clean(ids.iamRole) },
    adminGroup: inputs.adminGroup,
    adminUsername: inputs.adminEmail,
    server: inputs.server && server ? { url: inputs.server.url, enabled: server.enabled, verified: false } : null,
    changes: ordered,
    notes,
    applied,
    proven,
  };
}

function idOfFound(kind: ResourceKind, found: Found<unknown> | undefined): string | undefined {
  const live = found?.live as Record<string, unknown> | undefined;
  if (!live) return undefined;
  if (kind === 'userPool') return live.Id as string;
  if (kind === 'appClient') return live.ClientId as string;
  if (kind === 'identityPool') return live.IdentityPoolId as string;
  if (kind === 'iamRole') return (live.role as { Arn?: string } | undefined)?.Arn;
  return undefined;
}

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((done, fail) => ((resolve = done), (reject = fail)));
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/** Passes the step's outcome on to whoever waits for it inside another step (the admin joining the group). */
async function settle<T>(waiting: Deferred, step: Promise<T>): Promise<T> {
  try {
    const value = await step;
    waiting.resolve();
    return value;
  } catch (error) {
    waiting.reject(error);
    throw error;
  }
}

const reportOf = (reports: ChangeReport[], kind: ResourceKind) => reports.find((report) => report.resource === kind);

function describeDone(kind: ResourceKind, id: string, plan: Plan, dryRun: boolean): string {
  const label = labelOf(kind);
  const what = plan.changes.map((change) => change.label).join(', ');
  if (dryRun) return `${label} ${isPending(id) ? '' : `${id} `}would be ${plan.action === 'create' ? 'created' : plan.action === 'update' ? `updated (${what})` : 'left unchanged'}`.replace(/  +/g, ' ');
  return `${label} ${id} ${DONE[plan.action]}${plan.action === 'update' ? ` (${what})` : ''}`;
}

function isAuthFailure(error: unknown): boolean {
  return (error as { exitCode?: number })?.exitCode === 3;
}
