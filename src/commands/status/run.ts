// `status`: the audit. Reads everything the setup has and reports each resource as ok, drifted
// (with every difference from the safe settings), missing or blocked, and each security check by
// its ID. Exit 0 when all is as setup would leave it, 5 otherwise; `setup` repairs what it reports.
// Makes no write call, and writes nothing to the settings file.
import type { Context } from '../../cli/context.js';
import { DriftError } from '../../errors.js';
import { writeJson, writeLine } from '../../cli/io/streams.js';
import { colorEnabled, makeColors } from '../../cli/io/colours.js';
import { requireSameRegion, selectSetup } from '../../config/selectedSetup.js';
import { ownedByOtherSetups } from '../../config/setupRecord.js';
import { labelOf } from '../../resources/registry.js';
import { serverClientFrom } from '../../server/connect.js';
import { DEFAULT_AUTH_FLOWS } from '../../validate.js';
import { runStatus, type AuditReport } from '../../workflows/status.js';
import { resourceEnv } from '../../cli/workflowDeps.js';
import { notImplemented } from '../shared.js';
import type { StatusOptions } from './spec.js';

export async function run(options: StatusOptions, ctx: Context): Promise<void> {
  if (options.fix) throw notImplemented('status --fix');
  const selected = selectSetup(ctx.settings, options.name, ctx.env, false);
  const view = selected.view;
  const server = serverClientFrom(ctx, options, view);
  const aws = await ctx.aws();
  requireSameRegion(selected, aws.region);
  const report = await runStatus(
    { env: resourceEnv(ctx, aws), record: selected.record, ownedElsewhere: ownedByOtherSetups(ctx.settings, selected.name) },
    {
      name: selected.name,
      region: aws.region,
      adminEmail: view.adminUsername ?? '',
      adminGroup: view.adminGroup ?? 'admin',
      authFlows: view.authFlows ?? DEFAULT_AUTH_FLOWS,
      handedOver: {},
      server,
    },
  );
  if (ctx.globals.json) writeJson(ctx.io, report);
  else printAudit(ctx, report);
  if (report.ok) return;
  const missing = report.resources.filter((r) => r.state === 'missing').length;
  const drifted = report.resources.filter((r) => r.state === 'drift' || r.state === 'blocked').length;
  const parts = [missing ? `${missing} missing` : '', drifted ? `${drifted} drifted from the safe settings` : ''].filter(Boolean);
  throw new DriftError(`${parts.join(', ')} (of ${report.resources.length} resources of the setup '${selected.name}')`, {
    hint: missing === report.resources.length ? `nothing is set up here: run \`mmbatch-auth setup --name ${selected.name}\`` : `run \`mmbatch-auth setup --name ${selected.name}\` to repair them`,
  });
}

function printAudit(ctx: Context, report: AuditReport): void {
  const c = makeColors(colorEnabled(ctx.io.stdoutIsTTY, !ctx.globals.color, ctx.env));
  const paint = { ok: c.green, drift: c.yellow, missing: c.red, blocked: c.red };
  const idWidth = Math.max(2, ...report.resources.map((r) => (r.id ?? '-').length));
  for (const resource of report.resources) {
    const label = labelOf(resource.resource).padEnd(20);
    writeLine(ctx.io.out, `${label}${(resource.id ?? '-').padEnd(idWidth + 2)}${paint[resource.state](resource.state)}`);
    for (const drift of resource.drift) writeLine(ctx.io.out, `  - ${drift}`);
  }
  const failing = report.checks.filter((check) => check.result === 'fail');
  writeLine(ctx.io.out, '');
  writeLine(ctx.io.out, `checks: ${report.checks.length - failing.length} of ${report.checks.length} pass`);
  for (const check of failing) writeLine(ctx.io.out, `  ${c.red('fail')} ${check.id}: ${check.detail}`);
  for (const note of report.notes) writeLine(ctx.io.out, `note: ${note}`);
}
