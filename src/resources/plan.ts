// The shared vocabulary of every resource: read the live state, plan the difference to the
// desired state, apply only that difference. setup, status, --dry-run and teardown compose these.

export type ResourceKind =
  | 'userPool'
  | 'appClient'
  | 'adminGroup'
  | 'adminUser'
  | 'identityPool'
  | 'iamRole'
  | 'identityPoolRoles'
  | 'server';

export type PlannedAction = 'create' | 'update' | 'unchanged';
export type DoneAction = 'created' | 'updated' | 'unchanged';

export interface Plan<Live, Desired> {
  resource: ResourceKind;
  id?: string;
  action: PlannedAction;
  /** Why it is not unchanged: each drift from the safe settings, or "missing". */
  reasons: string[];
  live?: Live;
  desired: Desired;
}

export interface Change {
  resource: ResourceKind;
  id?: string;
  /** What was done; under --dry-run, what would be done (create, update, unchanged). */
  action: DoneAction | PlannedAction;
  reasons?: string[];
}

export const DONE: Record<PlannedAction, DoneAction> = { create: 'created', update: 'updated', unchanged: 'unchanged' };

export function planFrom<Live, Desired>(
  resource: ResourceKind,
  live: Live | undefined,
  desired: Desired,
  id: string | undefined,
  drift: (live: Live) => string[],
): Plan<Live, Desired> {
  if (live === undefined) return { resource, id, action: 'create', reasons: ['missing'], desired };
  const reasons = drift(live);
  return { resource, id, action: reasons.length ? 'update' : 'unchanged', reasons, live, desired };
}

/** Order-insensitive comparison of two string lists. */
export function sameSet(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const left = new Set(a ?? []);
  const right = new Set(b ?? []);
  return left.size === right.size && [...left].every((item) => right.has(item));
}
