// `mmbatch-auth setup`: the whole walkthrough, safe from the first second, idempotent; or the
// adoption of a setup made by hand (--user-pool-id, --client-id, --identity-pool-id, --role-arn).
import type { Context } from '../../cli/context.js';
import { writeJson, writeLine } from '../../cli/io/streams.js';
import { createProgress } from '../../cli/io/progress.js';
import { resolveSetupInputs } from './inputs.js';
import type { SetupOptions } from './spec.js';
import { notImplemented } from '../shared.js';
import { runSetup, type SetupOutcome } from '../../workflows/setup.js';
import { requireSameRegion, selectSetup } from '../../config/selectedSetup.js';
import { lockSetup, setupDeps } from '../../cli/workflowDeps.js';
import { colorEnabled, makeColors } from '../../cli/io/colours.js';
import { labelOf } from '../../resources/registry.js';
import { showValue } from '../../resources/plan.js';

/** The contract's flags this release parses but does not act on yet (TLS trust: issue 10). */
const NOT_YET = { trustFingerprint: '--trust-fingerprint' } as const;

export async function run(options: SetupOptions, ctx: Context): Promise<void> {
  const notYet = (Object.keys(NOT_YET) as (keyof typeof NOT_YET)[]).find((key) => options[key] !== undefined);
  if (notYet) throw notImplemented(`setup ${NOT_YET[notYet]}`);
  const selected = selectSetup(ctx.settings, options.name, ctx.env, !ctx.globals.dryRun);
  const asked = await resolveSetupInputs(ctx, options, selected);
  const aws = await ctx.aws();
  requireSameRegion(selected, aws.region);
  const inputs = { ...asked, region: aws.region };
  const lock = lockSetup(ctx, selected, 'setup');
  const progress = createProgress(ctx);
  let result: SetupOutcome;
  try {
    result = await runSetup(setupDeps(ctx, aws, selected, progress, { email: inputs.adminEmail, password: inputs.adminPassword }), inputs);
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
  if (ctx.globals.json) {
    writeJson(ctx.io, summaryDocument(result, ctx.globals.dryRun, selected.name));
    return;
  }
  printSummary(ctx, result);
}

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
      action: change.action,
      origin: change.origin,
      ...(change.changes.length ? { settings: change.changes.map(({ setting, from, to }) => ({ setting, from: from ?? null, to: to ?? null })) } : {}),
      ...(change.warnings.length ? { warnings: change.warnings.map((w) => w.reason) } : {}),
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
    const verb = dry ? `would ${change.action === 'update' ? 'change' : change.action}` : change.action;
    writeLine(out, `  ${verb} ${labelOf(change.resource)}${change.origin === 'created' ? '' : ` (${change.origin})`}`);
    for (const setting of change.changes) writeLine(out, `      ${setting.label}: ${showValue(setting.from)} → ${showValue(setting.to)}`);
  }
  for (const change of result.changes) for (const warning of change.warnings) writeLine(out, `  warning: ${labelOf(change.resource)}: ${warning.reason}`);
  if (!dry && result.server?.verified) writeLine(out, `\nNext: curl -H "Authorization: Bearer $(mmbatch-auth token)" ${result.server.url}/api/v1/config`);
}
