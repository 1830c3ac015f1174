// `mmbatch-auth setup`: the whole walkthrough, safe from the first second, idempotent; or the
// adoption of a setup made by hand (--user-pool-id, --client-id, --identity-pool-id, --role-arn).
import type { Context } from '../../cli/context.js';
import { writeJson, writeLine } from '../../cli/io/streams.js';
import { createProgress } from '../../cli/io/progress.js';
import { resolveSetupInputs } from './inputs.js';
import type { SetupOptions } from './spec.js';
import { BlockedError } from '../../errors.js';
import { runSetup, type ChangeReport, type SetupOutcome } from '../../workflows/setup.js';
import { requireSameRegion, selectSetup } from '../../config/selectedSetup.js';
import { lockSetup, setupDeps } from '../../cli/workflowDeps.js';
import type { CallerIdentity } from '../../aws/clients.js';
import type { Progress } from '../../cli/io/progress.js';
import type { Preflight } from '../../workflows/setup.js';
import { effectivePolicy, requirePolicyCompliant } from './passwordPolicy.js';
import { colorEnabled, makeColors } from '../../cli/io/colours.js';
import { labelOf } from '../../resources/registry.js';
import { DONE, showValue, type DoneAction } from '../../resources/plan.js';


export async function run(options: SetupOptions, ctx: Context): Promise<void> {
  const selected = selectSetup(ctx.settings, options.name, ctx.env, !ctx.globals.dryRun);
  const asked = await resolveSetupInputs(ctx, options, selected);
  const aws = await ctx.aws({ region: asked.region });
  requireSameRegion(selected, aws.region);
  const inputs = { ...asked, region: aws.region };
  const lock = lockSetup(ctx, selected, 'setup');
  const progress = createProgress(ctx);
  // Who will act: asked at once, beside setup's first reads (no round of its own), awaited before the first write.
  const caller = ctx.globals.dryRun ? undefined : aws.callerIdentity();
  caller?.catch(() => undefined);
  let result: SetupOutcome;
  try {
    const deps = setupDeps(ctx, aws, selected, progress, { email: inputs.adminEmail, password: inputs.adminPassword }, {
      preflight: (check) => setupPreflight(check, caller, progress),
      // A new pool's policy is ours: the password is checked against it before a pool is made beside the reads.
      offlineChecks: ({ adminPassword }) => adminPassword && requirePolicyCompliant(adminPassword, effectivePolicy(undefined)),
      summary: () => summaryLines(inputs.region, identity, inputs.server?.url),
    });
    let identity: CallerIdentity | undefined;
    caller?.then((who) => (identity = who)).catch(() => undefined);
    result = await runSetup(deps, inputs);
  } finally {
    progress.stop();
    lock.release();
  }
  for (const note of result.notes) ctx.log.warn(note);
  if (!result.applied) {
    ctx.log.info('setup cancelled: nothing was changed');
    if (ctx.globals.json) writeJson(ctx.io, { ...summaryDocument(result, ctx.globals.dryRun, selected.name), cancelled: true });
    return;
  }
  if (ctx.globals.json) writeJson(ctx.io, summaryDocument(result, ctx.globals.dryRun, selected.name));
  else printSummary(ctx, result);
  // A dry run shows what apply would refuse, then says so the way the real run would (exit 2).
  const blocked = result.changes.flatMap((change) => change.blocked.map((b) => ({ ...b, resource: change.resource })));
  if (blocked.length) {
    throw new BlockedError(`setup would not go on: ${labelOf(blocked[0].resource)}: ${blocked[0].reason}`, { hint: blocked[0].hint });
  }
}

/**
 * Before the first write, whatever the mode: the AWS identity works (STS GetCallerIdentity), and the
 * admin's password meets the policy of the pool it will be set in (the new pool's, or an existing
 * pool's once setup has raised it to the safe settings).
 */
async function setupPreflight(check: Parameters<Preflight>[0], caller: Promise<CallerIdentity> | undefined, progress: Progress): Promise<void> {
  progress.start('preflight', 'checking before any change');
  try {
    await caller;
    const { inputs, plans, located } = check;
    const user = plans.adminUser;
    const passwordSet = user && (user.action === 'create' || user.changes.some((change) => change.setting === 'password'));
    if (inputs.adminPassword && passwordSet) {
      const pool = plans.userPool?.action === 'create' ? undefined : located.userPool.live;
      requirePolicyCompliant(inputs.adminPassword, effectivePolicy(pool), pool?.Id);
    }
  } catch (error) {
    progress.done('preflight', 'checks before any change: failed', false);
    throw error;
  }
  progress.done('preflight', 'checked: the AWS identity, the server, the password; nothing changed yet');
}

/** The top of the one confirmation: where, as whom, and which server. */
function summaryLines(region: string, identity: CallerIdentity | undefined, server: string | undefined): string[] {
  return [
    `AWS account  ${identity?.account ?? '?'}, region ${region}`,
    `acting as    ${identity?.arn ?? '?'}`,
    `server       ${server ? `${server} (switched to the new pool once everything is proven)` : 'none (the AWS side only)'}`,
  ];
}

/**
 * A change in the contract's words, `created`, `updated` or `unchanged`, in a plan too (the
 * document's `dryRun` says it is one). The MMBatch server exists before setup and is only switched:
 * turning its Cognito on is an update, never a creation.
 */
function actionOf(change: ChangeReport): DoneAction {
  const done = (DONE as Record<string, DoneAction>)[change.action] ?? (change.action as DoneAction);
  return change.resource === 'server' && done === 'created' ? 'updated' : done;
}

const WOULD: Record<DoneAction, string> = { created: 'would create', updated: 'would change', unchanged: 'would leave' };

function summaryDocument(result: SetupOutcome, dryRun: boolean, name: string): Record<string, unknown> {
  return {
    name,
    region: result.region,
    userPoolId: result.ids.userPool ?? null,
    clientId: result.ids.appClient ?? null,
    identityPoolId: result.ids.identityPool ?? null,
    roleArn: result.ids.iamRole ?? null,
    adminGroup: result.adminGroup,
    adminUsername: result.adminUsername,
    server: result.server ? { url: result.server.url, enabled: result.server.enabled } : null,
    changes: result.changes.map((change) => ({
      resource: change.resource,
      id: change.id ?? null,
      action: actionOf(change),
      origin: change.origin,
      ...(change.changes.length ? { settings: change.changes.map(({ setting, from, to }) => ({ setting, from: from ?? null, to: to ?? null })) } : {}),
      ...(change.warnings.length ? { warnings: change.warnings.map((w) => w.reason) } : {}),
      ...(change.blocked.length ? { blocked: change.blocked.map((b) => b.reason) } : {}),
    })),
    ...(dryRun ? { dryRun: true } : {}),
  };
}

function printSummary(ctx: Context, result: SetupOutcome): void {
  const c = makeColors(colorEnabled(ctx.io.stdoutIsTTY, !ctx.globals.color, ctx.env));
  const out = ctx.io.out;
  const dry = ctx.globals.dryRun;
  writeLine(out, c.bold(dry ? 'Plan (dry run, nothing was changed):' : 'Cognito is set up for MMBatch:'));
  const rows: [string, string | undefined][] = [
    ['region', result.region],
    ['user pool', result.ids.userPool],
    ['app client', result.ids.appClient],
    ['identity pool', result.ids.identityPool],
    ['IAM role', result.ids.iamRole],
    ['admin group', result.adminGroup],
    ['admin user', result.adminUsername],
    ['server', result.server ? `${result.server.url}${result.server.verified ? ' (verified with a real token)' : ''}` : undefined],
  ];
  for (const [label, value] of rows) writeLine(out, `  ${label.padEnd(14)}${value ?? c.dim(dry ? '(to be created)' : '-')}`);
  const changed = result.changes.filter((change) => change.action !== 'unchanged');
  writeLine(out, '');
  if (changed.length === 0) writeLine(out, dry ? 'Nothing to change.' : 'Nothing changed: everything was already as it should be.');
  for (const change of changed) {
    const verb = dry ? WOULD[actionOf(change)] : actionOf(change);
    writeLine(out, `  ${verb} ${labelOf(change.resource)}${change.origin === 'created' ? '' : ` (${change.origin})`}`);
    for (const setting of change.changes) writeLine(out, `      ${setting.label}: ${showValue(setting.from)} → ${showValue(setting.to)}`);
  }
  for (const change of result.changes) for (const warning of change.warnings) writeLine(out, `  warning: ${labelOf(change.resource)}: ${warning.reason}`);
  for (const change of result.changes) for (const blocker of change.blocked) writeLine(out, `  blocked: ${labelOf(change.resource)}: ${blocker.reason}`);
  // A self-signed server's certificate is kept in the record: our `api` trusts it, a bare curl would not.
  if (!dry && result.server?.verified) {
    writeLine(out, result.server.pinned ? '\nNext: mmbatch-auth api GET /api/v1/config' : `\nNext: curl -H "Authorization: Bearer $(mmbatch-auth token)" ${result.server.url}/api/v1/config`);
  }
}
