// status: the audit. The same locate and the same plans as setup, with the inputs setup recorded;
// nothing is applied. Each resource is ok, drifted (its plan would change settings), missing (its
// plan would create it) or blocked; each security check (resources/checks.ts: the scanners' IDs,
// then this tool's) is reported by its ID, passing or failing, with the fix. So status and setup
// can never disagree about what "safe" means: `status --fix` is setup with the recorded inputs.
import type { Plan, ResourceKind } from '../resources/plan.js';
import { showValue } from '../resources/plan.js';
import { REGISTRY, RESOURCE_ORDER } from '../resources/registry.js';
import { desiredState, type SetupInputs, type Wants } from './desired.js';
import { locateSetup, type Located } from './locate.js';
import { planSetup } from './setup.js';
import { CHECK_ORDER, CHECKS } from '../resources/checks.js';
import { adminsWithoutMfa } from '../resources/adminGroup.js';
import { groupMembers } from '../resources/poolUsers.js';
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
  /** Prowler's check ID, or this tool's own. */
  id: string;
  /** The same check in Security Hub (its control) and AWS Config (its rule). */
  also?: string[];
  resource: ResourceKind;
  /** not-checked: status cannot read what it needs (AWS WAF). */
  result: 'pass' | 'fail' | 'not-checked';
  title: string;
  detail: string;
  /** What makes it pass: `mmbatch-auth status --fix`, a setup flag, or a command to run. */
  fix?: string;
  /** Why a failing check does not make status fail: the operator's recorded choice. */
  waived?: string;
  /** What passing it costs. */
  cost?: string;
}

export interface AuditReport {
  ok: boolean;
  name: string;
  resources: AuditEntry[];
  checks: CheckEntry[];
  notes: string[];
}

const FIX = 'mmbatch-auth status --fix';

/** What status reads besides the resources: who in the admin group has no MFA. */
export interface AdminMfaFinding {
  members: number;
  without: string[];
}

export async function runStatus(
  deps: { env: ResourceEnv; record: SetupRecordHandle; ownedElsewhere: Map<string, string> },
  inputs: SetupInputs,
): Promise<AuditReport> {
  // The group's members are walked beside locate's round when the record names the pool (the walk
  // is used only if locate confirms that pool); the admin's own read in that round answers for the
  // admin, so a group of only the admin adds no round.
  const recordedPoolId = deps.record.get().resources.userPool?.id;
  const wantsMembers = inputs.mfa !== 'required';
  const earlyMembers = recordedPoolId && wantsMembers ? groupMembers(deps.env.aws.idp, recordedPoolId, inputs.adminGroup) : undefined;
  earlyMembers?.catch(() => undefined);
  const located = await locateSetup(
    deps.env,
    { name: inputs.name, region: inputs.region, adminEmail: inputs.adminEmail || undefined, adminGroup: inputs.adminGroup, handedOver: {}, server: inputs.server },
    deps.record.readOnly(),
    deps.ownedElsewhere,
  );
  const poolId = located.userPool.live?.Id;
  const admin = located.adminUser.live;
  const known = new Map(admin && located.adminUser.within === poolId ? [[admin.username, { mfa: admin.mfa }]] : []);
  const adminMfa =
    poolId && located.adminGroup.live && wantsMembers
      ? await adminsWithoutMfa(deps.env, poolId, inputs.adminGroup, { members: poolId === recordedPoolId ? earlyMembers : undefined, known })
      : undefined;
  return auditOf(located, inputs, adminMfa);
}

export function auditOf(located: Located, inputs: SetupInputs, adminMfa?: AdminMfaFinding): AuditReport {
  const { plans } = planSetup(located, inputs);
  const ids = { userPool: located.userPool.live?.Id, appClient: located.appClient.live?.ClientId, identityPool: located.identityPool.live?.IdentityPoolId, iamRole: located.iamRole.live?.role.Arn };
  const wants = desiredState(inputs, ids);
  const resources: AuditEntry[] = [];
  const checks: CheckEntry[] = [];
  const setupFlag = (flag: string) => `mmbatch-auth setup --name ${inputs.name} ${flag}`;
  for (const kind of RESOURCE_ORDER) {
    const plan = plans[kind];
    if (!plan) continue;
    if (kind === 'adminUser' && !inputs.adminEmail) continue;
    // The server's settings have no ID of their own: the server is named by its URL.
    resources.push(entryOf(kind === 'server' && inputs.server ? { ...plan, id: inputs.server.url } : plan));
    checks.push(...checksOf(kind, plan, wants, inputs, setupFlag));
  }
  checks.push(adminMfaCheck(located, inputs, adminMfa, setupFlag));
  checks.push(check('cognito_user_pool_waf_acl_attached', 'userPool', 'not-checked', 'status does not read AWS WAF (`aws wafv2 get-web-acl-for-resource` does)'));
  checks.sort((a, b) => CHECK_ORDER.indexOf(a.id) - CHECK_ORDER.indexOf(b.id));
  const notes = Object.values(located).flatMap((found) => (found as { notes: string[] }).notes);
  const failing = checks.filter((entry) => entry.result === 'fail' && !entry.waived);
  return { ok: resources.every((r) => r.state === 'ok') && failing.length === 0, name: inputs.name, resources, checks, notes };
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

function check(id: string, resource: ResourceKind, result: CheckEntry['result'], detail: string, extra: Partial<CheckEntry> = {}): CheckEntry {
  const definition = CHECKS[id];
  return {
    id,
    ...(definition.also ? { also: definition.also } : {}),
    resource,
    result,
    title: definition.title,
    detail,
    ...(definition.cost ? { cost: definition.cost } : {}),
    ...extra,
  };
}

/**
 * Each check a resource's settings answer: failing when setup would change the setting (the fix is
 * --fix) or warns about it, or when the scanner's own rule fails on what setup was asked for (then
 * waived, with the flag that passes it). Settings answering the same check make one entry.
 */
function checksOf(kind: ResourceKind, plan: Plan, wants: Wants, inputs: SetupInputs, setupFlag: (flag: string) => string): CheckEntry[] {
  const entry = REGISTRY[kind];
  if (!entry.settings || !entry.wanted) return [];
  const wanted = entry.wanted(wants[kind as keyof Wants], plan.origin);
  const missing = plan.action === 'create' && !plan.live;
  const read = (setting: string) => (missing ? undefined : entry.settings![setting].read(plan.live));
  const byId = new Map<string, CheckEntry[]>();
  for (const [setting, spec] of Object.entries(entry.settings)) {
    if (!spec.check) continue;
    const definition = CHECKS[spec.check];
    const isWanted = setting in wanted;
    if (!isWanted && !definition.passes) continue;
    let found: CheckEntry;
    const change = plan.changes.find((c) => c.setting === setting);
    const warning = plan.warnings.find((w) => w.setting === setting);
    if (missing) {
      found = check(spec.check, kind, 'fail', `the ${entry.resource.label} does not exist`, { fix: `mmbatch-auth setup --name ${inputs.name}` });
    } else if (change) {
      found = check(spec.check, kind, 'fail', `${change.label}: ${showValue(change.from)} (safe: ${showValue(change.to)})`, { fix: FIX });
    } else if (warning) {
      found = check(spec.check, kind, 'fail', warning.reason);
    } else if (definition.passes && !definition.passes(read(setting), read)) {
      found = check(spec.check, kind, 'fail', `${spec.label}: ${showValue(read(setting))}`, {
        ...(definition.flag ? { fix: setupFlag(definition.flag) } : {}),
        waived: waiverOf(spec.check, inputs),
      });
    } else {
      found = check(spec.check, kind, 'pass', `${spec.label}: ${showValue(read(setting))}`);
    }
    byId.set(spec.check, [...(byId.get(spec.check) ?? []), found]);
  }
  return [...byId.values()].map(merge);
}

/** What the operator chose that this check's scanner grades down: the reason it is waived. */
function waiverOf(id: string, inputs: SetupInputs): string {
  if (id === 'cognito_user_pool_mfa_enabled') return `the setup asked for --mfa ${inputs.mfa}`;
  return inputs.threatProtection ? `the setup asked for --threat-protection ${inputs.threatProtection}` : 'the setup did not ask for threat protection (it costs money)';
}

/** Several settings answering one check: it fails when any fails (a real failure before a waived one). */
function merge(entries: CheckEntry[]): CheckEntry {
  if (entries.length === 1) return entries[0];
  const failing = entries.filter((e) => e.result === 'fail');
  const worst = failing.find((e) => !e.waived) ?? failing[0];
  if (!worst) return { ...entries[0], detail: entries.map((e) => e.detail).join('; ') };
  return { ...worst, detail: failing.map((e) => e.detail).join('; ') };
}

function adminMfaCheck(located: Located, inputs: SetupInputs, finding: AdminMfaFinding | undefined, setupFlag: (flag: string) => string): CheckEntry {
  const id = 'admin_group_members_have_mfa';
  if (!located.userPool.live || !located.adminGroup.live) return check(id, 'adminGroup', 'fail', `there is no admin group ${inputs.adminGroup} yet`, { fix: `mmbatch-auth setup --name ${inputs.name}` });
  if (inputs.mfa === 'required') return check(id, 'adminGroup', 'pass', 'the pool requires MFA: nobody signs in without it');
  const without = finding?.without ?? [];
  if (without.length === 0) return check(id, 'adminGroup', 'pass', `${finding?.members ?? 0} member(s), each with a TOTP authenticator`);
  const detail = `without MFA: ${without.join(', ')}`;
  if (inputs.mfa === 'off') return check(id, 'adminGroup', 'fail', detail, { fix: setupFlag('--mfa optional'), waived: 'the setup asked for --mfa off' });
  // Optional MFA leaves the choice to each user: reported, with the way to enrol, but the operator's choice.
  return check(id, 'adminGroup', 'fail', detail, {
    fix: `mmbatch-auth mfa enroll --username ${without[0]}${without.length > 1 ? ' (each of them)' : ''}`,
    waived: 'the setup asked for --mfa optional: each admin chooses (`--mfa required` makes them enrol)',
  });
}
