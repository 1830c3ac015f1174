// `self-signup disable|enable|status`: the pool's self-registration switch, and nothing else. The
// walkthrough flips it by hand after strangers could already sign up; setup never turns it on.
// Works on the setup's pool or, with --user-pool-id, any pool (a hand-made one is never recorded).
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { printRecord } from '../../cli/io/output.js';
import { validateUserPoolId } from '../../validate.js';
import { printOutcome, runPartialSetup } from '../../cli/partialSetup.js';
import { selectSetup } from '../../config/selectedSetup.js';
import { resourceEnv } from '../../cli/workflowDeps.js';
import { USER_POOL_SETTINGS, userPool } from '../../resources/userPool.js';
import type { SelfSignupOptions } from './spec.js';

export const disable = (options: SelfSignupOptions, ctx: Context) => selfSignup('disable', options, ctx);
export const enable = (options: SelfSignupOptions, ctx: Context) => selfSignup('enable', options, ctx);
export const status = (options: SelfSignupOptions, ctx: Context) => selfSignup('status', options, ctx);

async function selfSignup(verb: 'disable' | 'enable' | 'status', options: SelfSignupOptions, ctx: Context): Promise<void> {
  const given = options.userPoolId ? validateUserPoolId(options.userPoolId) : undefined;
  if (verb === 'status') {
    const aws = await ctx.aws(); // the region is checked before anything else
    const selected = selectSetup(ctx.settings, options.name, ctx.env, false);
    const id = given ?? selected.view.userPoolId;
    if (!id) throw new UsageError(`the setup '${selected.name}' has no user pool`, { hint: 'pass --user-pool-id' });
    const live = await userPool.read(resourceEnv(ctx, aws), id, {});
    if (!live) throw new UsageError(`user pool ${id} does not exist`);
    printRecord(ctx, { userPoolId: id, selfRegistration: USER_POOL_SETTINGS.selfRegistration.read(live) });
    return;
  }
  const wanted = verb === 'enable' ? 'on' : 'off';
  if (wanted === 'on') ctx.log.warn('self-registration lets anyone who can reach the pool create an account');
  const { outcome } = await runPartialSetup(ctx, {
    command: `self-signup ${verb}`,
    lowersSecurity: wanted === 'on',
    name: options.name,
    only: ['userPool'],
    handedOver: { userPool: given },
    mustExist: true,
    // One setting, and nothing else: the plan can hold no other change.
    wants: (wants) => ({ ...wants, userPool: { settings: { selfRegistration: wanted } } }),
  });
  printOutcome(ctx, outcome, ['userPool']);
}
