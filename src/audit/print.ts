// The audit for people: one line per resource (label, ID, state), each drift indented below it.
import type { Context } from '../cli/context.js';
import { writeLine } from '../cli/io/streams.js';
import { colorEnabled, makeColors } from '../cli/io/colours.js';
import { RESOURCE_LABEL } from '../inventory/labels.js';
import type { AuditReport } from './audit.js';

export function printAudit(ctx: Context, report: AuditReport): void {
  const c = makeColors(colorEnabled(ctx.io.stdoutIsTTY, !ctx.globals.color, ctx.env));
  const paint = { ok: c.green, drift: c.yellow, missing: c.red };
  const idWidth = Math.max(2, ...report.resources.map((r) => (r.id ?? '-').length));
  for (const resource of report.resources) {
    const label = RESOURCE_LABEL[resource.resource].padEnd(20);
    writeLine(ctx.io.out, `${label}${(resource.id ?? '-').padEnd(idWidth + 2)}${paint[resource.state](resource.state)}`);
    for (const drift of resource.drift) writeLine(ctx.io.out, `  - ${drift}`);
  }
}
