// resources/: one module per AWS resource (and the server's settings), each implementing the one
// interface below; registry.ts lists them with their declared dependencies. Workflows (setup,
// status, teardown, the single-resource commands) are compositions of these, run by one step runner.
//
// This file: the shared vocabulary. A plan is typed data — which setting goes from what to what,
// what is blocked and why — so apply does exactly what the plan says, `--dry-run` shows exactly
// that, and text for people is rendered from it, never the other way round.
import type { AwsClients } from '../aws/clients.js';
import type { Origin, RecordedKind } from '../config/settings.js';

export type ResourceKind = RecordedKind | 'identityPoolRoles' | 'server';

export type SettingValue = string | number | boolean | string[] | undefined;

/** One setting that apply will change: `{ setting: 'selfRegistration', from: 'on', to: 'off' }`. */
export interface SettingChange {
  setting: string;
  /** For people: "self-registration". */
  label: string;
  from: SettingValue;
  to: SettingValue;
  /** The security check this setting answers (status --json reports by it). */
  check?: string;
}

/** Why apply cannot go on with this resource; nothing is written while any plan is blocked. */
export interface Blocker {
  setting?: string;
  reason: string;
  hint?: string;
}

/** What apply will not change but the user should know (a setting fixed at creation, a disabled admin). */
export interface Warning {
  setting?: string;
  reason: string;
  check?: string;
}

export type PlanAction = 'create' | 'update' | 'unchanged';
export type DoneAction = 'created' | 'updated' | 'unchanged';
export const DONE: Record<PlanAction, DoneAction> = { create: 'created', update: 'updated', unchanged: 'unchanged' };

export interface Plan<Live = unknown> {
  kind: ResourceKind;
  /** The live resource's ID; undefined when it is to be created. */
  id?: string;
  action: PlanAction;
  /** How this setup came by it: created by a run of this tool, adopted from a person, or reused. */
  origin: Origin;
  changes: SettingChange[];
  blocked: Blocker[];
  warnings: Warning[];
  live?: Live;
}

/** What every resource operation may use. */
export interface ResourceEnv {
  aws: AwsClients;
  /** Progress and --verbose notes. */
  log: { verbose(line: string): void; warn(line: string): void };
  now(): number;
}

/**
 * What apply answers when the resource is usable before it is finished: its ID at once (what lives
 * in it can be made), and the rest of its requests (a new pool's MFA and risk configuration), which
 * only the commit point waits for.
 */
export interface Applied {
  id: string;
  finishing: Promise<void>;
}

export const appliedId = (applied: string | Applied): string => (typeof applied === 'string' ? applied : applied.id);

/** The IDs of what a resource depends on, by kind (a role's scope adds the setup name, the server's its client). */
export type UpstreamIds = Partial<Record<ResourceKind, string>>;

/**
 * The one interface of every resource. `Live` is what read finds, `Want` the desired state a
 * workflow builds for it (possibly partial: `self-signup disable` wants one setting and nothing
 * else), `Scope` what else it needs: the IDs of what it depends on.
 */
export interface Resource<Live, Want, Scope = UpstreamIds> {
  kind: ResourceKind;
  /** For people: "user pool". */
  label: string;
  /** Reads the live resource by its ID; undefined when it does not exist. */
  read(env: ResourceEnv, id: string, scope: Scope): Promise<Live | undefined>;
  /** The typed difference between what is and what is wanted. Pure: no calls. */
  plan(live: Live | undefined, want: Want, origin: Origin): Plan<Live>;
  /** Makes exactly the plan's changes (or the creation); answers the resource's ID. */
  apply(env: ResourceEnv, plan: Plan<Live>, want: Want, scope: Scope): Promise<string | Applied>;
  /** Deletes it (only ever called for what this tool created). */
  remove(env: ResourceEnv, live: Live, scope: Scope): Promise<void>;
}

export function unchangedOrUpdate(changes: SettingChange[]): PlanAction {
  return changes.length ? 'update' : 'unchanged';
}

/** Order-insensitive comparison of two string lists. */
export function sameSet(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const left = new Set(a ?? []);
  const right = new Set(b ?? []);
  return left.size === right.size && [...left].every((item) => right.has(item));
}

/** A value for people: on/off for booleans, lists comma-separated. */
export function showValue(value: SettingValue): string {
  if (value === undefined) return '(none)';
  if (Array.isArray(value)) return value.length ? value.join(',') : '(none)';
  return String(value);
}
