// The single-resource commands (`user-pool create`, `self-signup disable`, `auth-flows set`,
// `identity-pool create`, `server push`...) are setup over part of the resource table: the same
// locate, plan and apply, with a partial desired state, changing nothing else.
import type { Context } from './context.js';
import { NO_SETUP, requireSameRegion, selectSetupOwning, type SelectedSetup } from '../config/selectedSetup.js';
import type { ResourceKind } from '../resources/plan.js';
import { showValue } from '../resources/plan.js';
import { labelOf } from '../resources/registry.js';
import { BlockedError } from '../errors.js';
import { printRecord } from './io/output.js';
import { DEFAULT_AUTH_FLOWS } from '../validate.js';
import { recordedChoices, type SetupInputs, type Wants } from '../workflows/desired.js';
import type { HandedOver } from '../workflows/locate.js';
import { runSetup, type SetupDeps, type SetupOutcome } from '../workflows/setup.js';
import type { MmbatchServerClient } from '../server/client.js';
import { lockSetup, setupDeps } from './workflowDeps.js';

export interface PartialRun {
  /** The command, as its confirmation names it (`self-signup enable will:`); else `setup`. */
  command?: string;
  /** A change that lowers security (self-registration on): its confirmation defaults to No. */
  lowersSecurity?: boolean;
  name?: string;
  only: ResourceKind[];
  handedOver?: HandedOver;
  wants?: (wants: Wants) => Wants;
  mustExist?: boolean;
  inputs?: Partial<SetupInputs>;
  server?: MmbatchServerClient;
  /** server push: the admin's token from the session (cache, refresh, password), as `token` gets it. */
  sessionTokens?: SetupDeps['sessionTokens'];
}

export async function runPartialSetup(ctx: Context, run: PartialRun): Promise<{ outcome: SetupOutcome; selected: SelectedSetup }> {
  const given = run.handedOver ?? {};
  const selected = selectSetupOwning(ctx.settings, run.name, ctx.env, [given.userPool, given.appClient, given.identityPool], !ctx.globals.dryRun);
  const aws = await ctx.aws();
  requireSameRegion(selected, aws.region);
  const view = selected.view;
  const handedOver = run.handedOver ?? {};
  // A resource named by a flag that no record names is worked on, never recorded (it is nobody's setup).
  const recorded = [handedOver.userPool, handedOver.appClient, handedOver.identityPool].every(
    (id) => id === undefined || [view.userPoolId, view.clientId, view.identityPoolId].includes(id),
  );
  const inputs: SetupInputs = {
    name: selected.name,
    region: aws.region,
    adminEmail: view.adminUsername ?? '',
    adminGroup: view.adminGroup ?? 'admin',
    authFlows: view.authFlows ?? DEFAULT_AUTH_FLOWS,
    ...recordedChoices(view),
    handedOver,
    server: run.server,
    ...run.inputs,
  };
  const lock = selected.name === NO_SETUP ? { release: () => undefined } : lockSetup(ctx, selected, run.only.join(' '));
  // One resource changes: its outcome is the output; step-by-step progress is setup's.
  const progress = { start: () => undefined, done: () => undefined, stop: () => undefined };
  try {
    const deps = setupDeps(ctx, aws, selected, progress, { email: inputs.adminEmail, password: inputs.adminPassword }, {
      confirmation: { command: run.command ?? 'setup', defaultYes: !run.lowersSecurity },
    });
    const outcome = await runSetup({ ...deps, sessionTokens: run.sessionTokens }, inputs, {
      only: new Set(run.only),
      wants: run.wants,
      mustExist: run.mustExist,
      record: recorded,
    });
    return { outcome, selected };
  } finally {
    progress.stop();
    lock.release();
  }
}

/** One resource's outcome, as `key: value` lines or one JSON document. */
export function printOutcome(ctx: Context, outcome: SetupOutcome, kinds: ResourceKind[]): void {
  const reports = outcome.changes.filter((change) => kinds.includes(change.resource));
  const document = reports.map((report) => ({
    resource: report.resource,
    id: report.id ?? null,
    action: report.action,
    ...(report.origin === 'created' ? {} : { origin: report.origin }),
    ...(report.changes.length ? { changes: report.changes.map((c) => `${c.label}: ${showValue(c.from)} → ${showValue(c.to)}`) } : {}),
    ...(report.warnings.length ? { warnings: report.warnings.map((w) => w.reason) } : {}),
    ...(report.blocked.length ? { blocked: report.blocked.map((b) => b.reason) } : {}),
  }));
  // Declined at the confirmation: the plan is shown as what was not done.
  const dry = ctx.globals.dryRun ? { dryRun: true } : outcome.applied ? {} : { cancelled: true };
  if (!outcome.applied) ctx.log.info('cancelled: nothing was changed');
  if (kinds.includes('server') && document[0] && !ctx.globals.dryRun) Object.assign(document[0], { verified: Boolean(outcome.server?.verified) });
  if (document.length === 1) printRecord(ctx, { ...document[0], ...dry });
  else printRecord(ctx, { changes: document, ...dry });
  // A dry run shows what apply would refuse, then says so as the real run would (exit 2).
  const blocked = reports.flatMap((report) => report.blocked.map((b) => ({ ...b, resource: report.resource })));
  if (blocked.length) throw new BlockedError(`${labelOf(blocked[0].resource)}: ${blocked[0].reason}`, { hint: blocked[0].hint });
}
