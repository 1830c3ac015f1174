// `self-signup disable|enable|status`: the switch the walkthrough flips by hand after strangers
// have already been able to sign up. setup never turns it on.
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { printRecord } from '../../cli/io/output.js';
import { applyUserPool, planUserPool, readUserPool } from '../../resources/userPool.js';
import { userPoolIdOf } from '../../targets.js';
import type { SelfSignupOptions } from './spec.js';

export const disable = (options: SelfSignupOptions, ctx: Context) => selfSignup('disable', options, ctx);
export const enable = (options: SelfSignupOptions, ctx: Context) => selfSignup('enable', options, ctx);
export const status = (options: SelfSignupOptions, ctx: Context) => selfSignup('status', options, ctx);

async function selfSignup(verb: 'disable' | 'enable' | 'status', options: SelfSignupOptions, ctx: Context): Promise<void> {
  const userPoolId = userPoolIdOf(ctx, options.userPoolId);
  const { idp } = await ctx.aws();
  const live = await readUserPool(idp, { id: userPoolId });
  if (!live) throw new UsageError(`user pool ${userPoolId} does not exist`);
  const selfSignup = live.AdminCreateUserConfig?.AllowAdminCreateUserOnly ? 'off' : 'on';
  if (verb === 'status') {
    printRecord(ctx, { userPoolId, selfRegistration: selfSignup });
    return;
  }
  const wantOn = verb === 'enable';
  if (wantOn) ctx.log.warn('self-registration lets anyone who can reach the pool create an account');
  const current = selfSignup === 'on';
  if (current === wantOn) {
    printRecord(ctx, { userPoolId, selfRegistration: selfSignup, action: 'unchanged' });
    return;
  }
  if (ctx.globals.dryRun) {
    printRecord(ctx, { userPoolId, selfRegistration: wantOn ? 'on' : 'off', action: 'update', dryRun: true });
    return;
  }
  // Only the switch changes: build the plan by hand so other drift (e.g. MFA) is not touched here.
  const plan = planUserPool(live, { name: live.Name ?? '', tags: {}, selfSignupDisabled: !wantOn });
  await applyUserPool(idp, { ...plan, action: 'update' });
  printRecord(ctx, { userPoolId, selfRegistration: wantOn ? 'on' : 'off', action: 'updated' });
}
