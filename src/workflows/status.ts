// status: the audit. The same locate and the same plans as setup, with the inputs setup recorded;
// nothing is applied. Each resource is ok, drifted (its plan would change settings), missing (its
// plan would create it) or blocked; each setting that answers a security check is reported by the
// check's ID, passing or failing, with the fix. So status and setup can never disagree about what
// "safe" means: `status --fix` is setup with the recorded inputs.
import type { Plan, ResourceKind } from '../resources/plan.js';
import { showValue } from '../resources/plan.js';
import { REGISTRY, RESOURCE_ORDER } from '../resources/registry.js';
import { desiredState, type SetupInputs, type Wants } from './desired.js';
import { locateSetup, type Located } from './locate.js';
import { planSetup } from './setup.js';
import type { ResourceEnv } from '../resources/plan.js';
import type { SetupRecordHandle } from '../config/setupRecord.js';

export type ResourceState = 'ok' | 'drift' | 'missing' | 'blocked';

export interface AuditEntry {
  resource: ResourceKind;
  /** The live resource's ID; null for a missing one. */
  id: string | null;
  origin: string;
  state: ResourceState;
  /** For people: each difference from the safe settings, each warning, each blocker. */
  drift: string[];
}

export interface CheckEntry {
  id: string;
  resource: ResourceKind;
  result: 'pass' | 'fail';
  detail: string;
  fix?: string;
}

export interface AuditReport {
  ok: boolean;
  name: string;
  resources: AuditEntry[];
  checks: CheckEntry[];
  notes: string[];
}

const FIX = 'mmbatch-auth status --fix';

export async function runStatus(
  deps: { env: ResourceEnv; record: SetupRecordHandle; ownedElsewhere: Map<string, string> },
  inputs: SetupInputs,
): Promise<AuditReport> {
  const located = await locateSetup(
    deps.env,
    { name: inputs.name, region: inputs.region, adminEmail: inputs.adminEmail || undefined, adminGroup: inputs.adminGroup, handedOver: {}, server: inputs.server },
    deps.record.readOnly(),
    deps.ownedElsewhere,
  );
  return auditOf(located, inputs);
}

export function auditOf(located: Located, inputs: SetupInputs): AuditReport {
  const { plans } = planSetup(located, inputs);
  const ids = { userPool: located.userPool.live?.Id, appClient: located.appClient.live?.ClientId, identityPool: located.identityPool.live?.IdentityPoolId, iamRole: located.iamRole.live?.role.Arn };
  const wants = desiredState(inputs, ids);
  const resources: AuditEntry[] = [];
  const checks: CheckEntry[] = [];
  for (const kind of RESOURCE_ORDER) {
    const plan = plans[kind];
    if (!plan) continue;
    if (kind === 'adminUser' && !inputs.adminEmail) continue;
    // The server's settings have no ID of their own: the server is named by its URL.
    resources.push(entryOf(kind === 'server' && inputs.server ? { ...plan, id: inputs.server.url } : plan));
    checks.push(...checksOf(kind, plan, wants));
  }
  const notes = Object.values(located).flatMap((found) => (found as { notes: string[] }).notes);
  return { ok: resources.every((r) => r.state === 'ok'), name: inputs.name, resources, checks, notes };
}

function entryOf(plan: Plan): AuditEntry {
  const drift = [
    ...plan.changes.map((change) => `${change.label}: ${showValue(change.from)} (safe: ${showValue(change.to)})`),
    ...plan.warnings.map((warning) => `warning: ${warning.reason}`),
    ...plan.blocked.map((blocker) => `blocked: ${blocker.reason}${blocker.hint ? ` (${blocker.hint})` : ''}`),
  ];
  const state: ResourceState = plan.blocked.length ? 'blocked' : plan.action === 'create' ? 'missing' : plan.action === 'update' ? 'drift' : 'ok';
  return { resource: plan.kind, id: plan.id ?? null, origin: plan.origin, state, drift };
}

function checksOf(kind: ResourceKind, plan: Plan, wants: Wants): CheckEntry[] {
  const entry = REGISTRY[kind];
  if (!entry.settings || !entry.wanted) return [];
  const wanted = entry.wanted(wants[kind as keyof Wants], plan.origin);
  const out: CheckEntry[] = [];
  for (const setting of Object.keys(wanted)) {
    const spec = entry.settings[setting];
    if (!spec?.check) continue;
    const change = plan.changes.find((c) => c.setting === setting);
    const warning = plan.warnings.find((w) => w.setting === setting);
    if (plan.action === 'create' && !plan.live) {
      out.push({ id: spec.check, resource: kind, result: 'fail', detail: `the ${entry.resource.label} does not exist`, fix: 'mmbatch-auth setup' });
    } else if (change) {
      out.push({ id: spec.check, resource: kind, result: 'fail', detail: `${change.label}: ${showValue(change.from)} (safe: ${showValue(change.to)})`, fix: FIX });
    } else if (warning) {
      out.push({ id: spec.check, resource: kind, result: 'fail', detail: warning.reason });
    } else {
      out.push({ id: spec.check, resource: kind, result: 'pass', detail: `${spec.label}: ${showValue(spec.read(plan.live))}` });
    }
  }
  return out;
}
