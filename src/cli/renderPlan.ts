// Plans for people: one line per resource, each change, warning and blocker under it. The same
// text for --dry-run, for the confirmation before setup writes, and for status.
import type { Plan, SettingValue } from '../resources/plan.js';
import { showValue } from '../resources/plan.js';
import { labelOf, REGISTRY } from '../resources/registry.js';

const ACTION = { create: 'create', update: 'change', unchanged: 'keep' } as const;
const ORIGIN = { created: '', adopted: ' (adopted)', reused: ' (reused)' } as const;

export function renderPlan(plans: Plan[], notes: string[] = []): string[] {
  const lines: string[] = [];
  for (const plan of plans) {
    const what = `${labelOf(plan.kind)}${plan.id ? ` ${plan.id}` : ''}${ORIGIN[plan.origin]}`;
    lines.push(`  ${plan.blocked.length ? 'cannot' : ACTION[plan.action]} ${what}`);
    for (const change of plan.changes) lines.push(`      ${change.label}: ${showValue(change.from)} → ${showValue(change.to)}`);
    for (const warning of plan.warnings) lines.push(`      warning: ${warning.reason}`);
    for (const blocker of plan.blocked) lines.push(`      blocked: ${blocker.reason}${blocker.hint ? ` — ${blocker.hint}` : ''}`);
  }
  for (const note of notes) lines.push(`  note: ${note}`);
  return lines;
}

/** A live resource for people (`user-pool show`, ...): each of its settings, by label, as setup reads it. */
export function describeLive(kind: Parameters<typeof labelOf>[0], live: unknown, id: string | undefined): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const specs = (REGISTRY[kind].settings ?? {}) as Record<string, { label: string; read(live: any): SettingValue }>;
  const described: Record<string, unknown> = { id: id ?? null };
  for (const spec of Object.values(specs)) described[spec.label] = showValue(spec.read(live));
  return described;
}
