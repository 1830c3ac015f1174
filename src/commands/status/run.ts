// `status`: the audit. Reads everything the setup has and reports each resource as ok, drifted
// (with every difference from the safe settings), missing or blocked, and each security check by
// its ID with its fix. Exit 0 when all is as setup would leave it, 5 otherwise. Without --fix it
// makes no write call and writes nothing to the settings file; `--fix` is setup with the recorded
// inputs, then the audit again.
import type { Context } from '../../cli/context.js';
import { setUserAgentCommand } from '../../aws/policy.js';
import { DriftError } from '../../errors.js';
import { writeJson, writeLine } from '../../cli/io/streams.js';
import { visibleControls } from '../../terminalText.js';
import { colorEnabled, makeColors } from '../../cli/io/colours.js';
import { requireSameRegion, selectSetup } from '../../config/selectedSetup.js';
import { ownedByOtherSetups } from '../../config/setupRecord.js';
import { labelOf } from '../../resources/registry.js';
import { serverClientFrom } from '../../server/connect.js';
import { DEFAULT_AUTH_FLOWS } from '../../validate.js';
import { runStatus, type AuditReport } from '../../workflows/status.js';
import { recordedChoices, type SetupInputs } from '../../workflows/desired.js';
import { lockSetup, resourceEnv, setupDeps } from '../../cli/workflowDeps.js';
import { createProgress } from '../../cli/io/progress.js';
import { adminAccessToken } from '../../auth/session.js';
import type { SelectedSetup } from '../../config/selectedSetup.js';
import type { AwsClients } from '../../aws/clients.js';
import { runSetup, type SetupOutcome } from '../../workflows/setup.js';
import type { StatusOptions } from './spec.js';

export async function run(options: StatusOptions, ctx: Context): Promise<void> {
  const selected = selectSetup(ctx.settings, options.name, ctx.env, options.fix && !ctx.globals.dryRun);
  const view = selected.view;
  const server = serverClientFrom(ctx, options, view);
  const aws = await ctx.aws();
  requireSameRegion(selected, aws.region);
  const inputs: SetupInputs = {
    name: selected.name,
    region: aws.region,
    adminEmail: view.adminUsername ?? '',
    adminGroup: view.adminGroup ?? 'admin',
    authFlows: view.authFlows ?? DEFAULT_AUTH_FLOWS,
    ...recordedChoices(view),
    handedOver: {},
    server,
  };
  const audit = () => runStatus({ env: resourceEnv(ctx, aws), record: selected.record, ownedElsewhere: ownedByOtherSetups(ctx.settings, selected.name) }, inputs);
  let report = await audit();
  let fixed: SetupOutcome | undefined;
  if (options.fix && !report.ok) {
    fixed = await fixSetup(ctx, options, selected, aws, inputs, report);
    if (fixed && !ctx.globals.dryRun) report = await audit();
  }
  if (ctx.globals.json) writeJson(ctx.io, fixed ? { ...report, fixed: fixed.changes.filter((c) => c.action !== 'unchanged').map((c) => ({ resource: c.resource, action: c.action, settings: c.changes.map((change) => change.setting) })) } : report);
  else printAudit(ctx, report);
  if (report.ok) return;
  const missing = report.resources.filter((r) => r.state === 'missing').length;
  const drifted = report.resources.filter((r) => r.state === 'drift' || r.state === 'blocked').length;
  const failing = report.checks.filter((check) => check.result === 'fail' && !check.waived).length;
  const parts = [missing ? `${missing} missing` : '', drifted ? `${drifted} drifted from the safe settings` : ''].filter(Boolean);
  const what = parts.length ? `${parts.join(', ')} (of ${report.resources.length} resources of the setup '${selected.name}')` : `${failing} failing security check${failing === 1 ? '' : 's'} in the setup '${selected.name}'`;
  const onlyChecks = parts.length === 0;
  throw new DriftError(what, {
    hint: onlyChecks
      ? 'each check names its fix (`mmbatch-auth status --json` lists them)'
      : missing === report.resources.length
        ? `nothing is set up here: run \`mmbatch-auth setup --name ${selected.name}\``
        : `run \`mmbatch-auth status --fix --name ${selected.name}\` (or \`mmbatch-auth setup --name ${selected.name}\`) to repair them`,
  });
}

/**
 * `status --fix`: setup with the recorded inputs, through the same runSetup (plans, confirmation on
 * a terminal, the proof before the server), so it changes exactly what setup would. The server's
 * switch, when needed, signs in as the admin the way `token` does (cache, refresh, then a password).
 */
async function fixSetup(ctx: Context, options: StatusOptions, selected: SelectedSetup, aws: AwsClients, inputs: SetupInputs, report: AuditReport): Promise<SetupOutcome | undefined> {
  const repairable = report.resources.some((r) => r.state === 'drift' || r.state === 'missing');
  if (!repairable) return undefined;
  const lock = lockSetup(ctx, selected, 'status --fix');
  const progress = createProgress(ctx);
  try {
    // The repair is setup's, and asks for setup's permissions: its calls say so (the audit itself stays
    // read-only, so an auditor's policy can be `iam-policy status`).
    setUserAgentCommand('setup');
    const { createAwsClients } = await import('../../aws/clients.js');
    const setupAws = await createAwsClients({ region: aws.region, profile: ctx.globals.profile, endpointUrl: ctx.globals.endpointUrl, verbose: ctx.log.verbose, warn: ctx.log.warn }, ctx.env);
    const deps = setupDeps(ctx, setupAws, selected, progress, { email: inputs.adminEmail });
    const adminPassword = ctx.env.MMBATCH_AUTH_PASSWORD || undefined;
    return await runSetup(
      { ...deps, sessionTokens: (target) => adminAccessToken(ctx, { ...target, passwordStdin: options.passwordStdin }) },
      { ...inputs, adminPassword },
    );
  } finally {
    progress.stop();
    lock.release();
  }
}

function printAudit(ctx: Context, report: AuditReport): void {
  const c = makeColors(colorEnabled(ctx.io.stdoutIsTTY, !ctx.globals.color, ctx.env));
  const paint = { ok: c.green, drift: c.yellow, missing: c.red, blocked: c.red };
  // Drift and check details quote live values (names, members' e-mails, a server's words) that
  // anyone with access may have chosen: shown as text, never as terminal controls; colour is ours.
  const v = visibleControls;
  const idWidth = Math.max(2, ...report.resources.map((r) => v(r.id ?? '-').length));
  for (const resource of report.resources) {
    const label = labelOf(resource.resource).padEnd(20);
    writeLine(ctx.io.out, `${label}${v(resource.id ?? '-').padEnd(idWidth + 2)}${paint[resource.state](resource.state)}`);
    for (const drift of resource.drift) writeLine(ctx.io.out, `  - ${v(drift)}`);
  }
  const passing = report.checks.filter((check) => check.result === 'pass');
  const graded = report.checks.filter((check) => check.result !== 'not-checked');
  writeLine(ctx.io.out, '');
  writeLine(ctx.io.out, `checks: ${passing.length} of ${graded.length} pass`);
  for (const check of report.checks) {
    if (check.result === 'pass') continue;
    const mark = check.result === 'not-checked' ? c.dim('not checked') : check.waived ? c.yellow('fail (waived)') : c.red('fail');
    writeLine(ctx.io.out, `  ${mark} ${check.id}: ${v(check.detail)}`);
    if (check.waived) writeLine(ctx.io.out, `      waived: ${v(check.waived)}`);
    if (check.cost) writeLine(ctx.io.out, `      costs: ${v(check.cost)}`);
    if (check.fix) writeLine(ctx.io.out, `      fix: ${v(check.fix)}`);
  }
  for (const note of report.notes) writeLine(ctx.io.out, `note: ${v(note)}`);
}
