// `user-pool create|show`.
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { managedTags, userPoolName } from '../../names.js';
import { printRecord } from '../../cli/io/output.js';
import { DONE } from '../../resources/plan.js';
import { applyUserPool, describeUserPoolForPeople, planUserPool, readUserPool } from '../../resources/userPool.js';
import { validateName, validateUserPoolId } from '../../validate.js';
import type { UserPoolCreateOptions, UserPoolShowOptions } from './spec.js';

export const create = (options: UserPoolCreateOptions, ctx: Context) => userPool('create', { ...options, userPoolId: undefined }, ctx);
export const show = (options: UserPoolShowOptions, ctx: Context) => userPool('show', options, ctx);

async function userPool(verb: 'create' | 'show', options: UserPoolShowOptions, ctx: Context): Promise<void> {
  const recorded = ctx.settings.load();
  const base = validateName(options.name ?? recorded.name ?? 'mmbatch');
  const id = options.userPoolId ? validateUserPoolId(options.userPoolId) : recorded.userPoolId;
  const { idp, region } = await ctx.aws();
  const live = await readUserPool(idp, { id, name: userPoolName(base) });
  if (verb === 'show') {
    if (!live) throw new UsageError(`no user pool named '${userPoolName(base)}' in ${region}`, { hint: 'run `mmbatch-auth user-pool create`' });
    printRecord(ctx, describeUserPoolForPeople(live));
    return;
  }
  const plan = planUserPool(live, { name: userPoolName(base), tags: managedTags(base), selfSignupDisabled: true });
  if (ctx.globals.dryRun) {
    printRecord(ctx, { resource: 'userPool', id: plan.id ?? null, action: plan.action, reasons: plan.reasons, dryRun: true });
    return;
  }
  const poolId = await applyUserPool(idp, plan);
  ctx.settings.update({ region, name: base, userPoolId: poolId, ...(plan.action === 'create' ? { created: { userPool: poolId } } : {}) });
  printRecord(ctx, { resource: 'userPool', id: poolId, action: DONE[plan.action], ...(plan.action === 'update' ? { reasons: plan.reasons } : {}) });
}
