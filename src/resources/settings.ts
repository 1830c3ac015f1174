// Settings as data: each resource lists its settings once (how to read one from the live
// resource, how to write it into the update request, how to compare, which security check it
// answers), and one diff turns "live + wanted" into typed changes, blockers and warnings. A
// partial desired state (one setting) yields at most one change, so a single-switch command such
// as `self-signup disable` can never change anything else.
import type { Blocker, SettingChange, SettingValue, Warning } from './plan.js';
import { sameSet } from './plan.js';

export interface SettingSpec<Live, Update> {
  label: string;
  read(live: Live): SettingValue;
  /** Puts the wanted value into the update request. Absent: the setting is fixed at creation. */
  write?(update: Update, value: SettingValue, live: Live): void;
  /** Live satisfies wanted (default: equal; lists as sets). E.g. a minimum length of 16 satisfies 14. */
  satisfies?(live: SettingValue, wanted: SettingValue): boolean;
  /** For a setting fixed at creation that differs: block the plan, or only warn. */
  fixed?: { severity: 'block' | 'warn'; reason: (live: SettingValue) => string; hint?: string };
  /** The security check this setting answers (Prowler's IDs, where one exists; checks.ts has the scanners' rules). */
  check?: string;
  /**
   * Which of the resource's requests carries it, when the resource is changed through more than one
   * (a user pool's MFA goes through SetUserPoolMfaConfig, its risk configuration through
   * SetRiskConfiguration). Absent: the resource's one update. apply sends only the requests its
   * changes touch, in the resource's own order.
   */
  operation?: string;
}

/** The requests a plan's changes touch, by operation (a setting without one: `fallback`, the resource's update). */
export function changesByOperation<Live, Update>(specs: SettingSpecs<Live, Update>, changes: SettingChange[], fallback: string): Map<string, SettingChange[]> {
  const grouped = new Map<string, SettingChange[]>();
  for (const change of changes) {
    const operation = specs[change.setting].operation ?? fallback;
    grouped.set(operation, [...(grouped.get(operation) ?? []), change]);
  }
  return grouped;
}

export type SettingSpecs<Live, Update> = Record<string, SettingSpec<Live, Update>>;

/** A wanted value, or a function of the live value (e.g. "our provider, keeping the others"). */
export type Wanted = SettingValue | ((live: SettingValue) => SettingValue);
export type WantedSettings = Record<string, Wanted>;

const equal = (live: SettingValue, wanted: SettingValue) =>
  Array.isArray(live) || Array.isArray(wanted)
    ? sameSet(Array.isArray(live) ? live : [], Array.isArray(wanted) ? wanted : [])
    : live === wanted;

export interface SettingsDiff {
  changes: SettingChange[];
  blocked: Blocker[];
  warnings: Warning[];
}

export function diffSettings<Live, Update>(specs: SettingSpecs<Live, Update>, live: Live, wanted: WantedSettings): SettingsDiff {
  const diff: SettingsDiff = { changes: [], blocked: [], warnings: [] };
  for (const [setting, want] of Object.entries(wanted)) {
    const spec = specs[setting];
    if (!spec) throw new Error(`unknown setting ${setting}`);
    const from = spec.read(live);
    const to = typeof want === 'function' ? want(from) : want;
    if ((spec.satisfies ?? equal)(from, to)) continue;
    if (!spec.write) {
      const fixed = spec.fixed ?? { severity: 'block' as const, reason: () => `${spec.label} is fixed at creation` };
      const entry = { setting, reason: fixed.reason(from), ...(fixed.hint ? { hint: fixed.hint } : {}) };
      if (fixed.severity === 'block') diff.blocked.push(entry);
      else diff.warnings.push({ ...entry, ...(spec.check ? { check: spec.check } : {}) });
      continue;
    }
    diff.changes.push({ setting, label: spec.label, from, to, ...(spec.check ? { check: spec.check } : {}) });
  }
  return diff;
}

/** Writes exactly the given changes into an update request built from the live resource. */
export function writeChanges<Live, Update>(specs: SettingSpecs<Live, Update>, update: Update, changes: SettingChange[], live: Live): Update {
  for (const change of changes) specs[change.setting].write!(update, change.to, live);
  return update;
}

/** The wanted value of a setting, resolved against nothing live (for creation). */
export function wantedValue(want: Wanted | undefined): SettingValue {
  return typeof want === 'function' ? want(undefined) : want;
}
