// `status`: the audit. Reads everything setup manages and reports each resource as ok, drifted
// (with every difference from the safe settings) or missing. Exit 0 when all is as setup would
// leave it, 5 otherwise; `setup` repairs what it reports. Makes no write call.
import type { Context } from '../../cli/context.js';
import { DriftError } from '../../errors.js';
import { writeJson } from '../../cli/io/streams.js';
import { expectedSetup, resolveBase } from '../../inventory/expected.js';
import { readInventory } from '../../inventory/read.js';
import { auditInventory } from '../../audit/audit.js';
import { printAudit } from '../../audit/print.js';
import { serverClientFrom } from '../../server/connect.js';
import { notImplemented } from '../shared.js';
import type { StatusOptions } from './spec.js';

export async function run(options: StatusOptions, ctx: Context): Promise<void> {
  if (options.fix) throw notImplemented('status --fix');
  const recorded = ctx.settings.load();
  const base = resolveBase(recorded, options.name);
  const server = serverClientFrom(ctx, options, recorded.serverUrl);
  const aws = await ctx.aws();
  const expected = expectedSetup(recorded, base, aws.region, ctx.settings.path);
  const report = auditInventory(await readInventory(aws, expected, server), expected);

  if (ctx.globals.json) writeJson(ctx.io, report);
  else printAudit(ctx, report);
  if (report.ok) return;
  const missing = report.resources.filter((r) => r.state === 'missing').length;
  const drifted = report.resources.filter((r) => r.state === 'drift').length;
  const parts = [missing ? `${missing} missing` : '', drifted ? `${drifted} drifted from the safe settings` : ''].filter(Boolean);
  throw new DriftError(`${parts.join(', ')} (of ${report.resources.length} resources)`, {
    hint: missing === report.resources.length ? 'nothing is set up here: run `mmbatch-auth setup`' : 'run `mmbatch-auth setup` to repair them',
  });
}
