// `user-pool create|show`: the setup's user pool alone (create makes or repairs it, nothing else).
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { printRecord } from '../output.js';
import { validateUserPoolId } from '../validate.js';
import { describeLive } from '../cli/renderPlan.js';
import { printOutcome, runPartialSetup } from '../cli/partialSetup.js';
import { selectSetup } from '../config/selectedSetup.js';
import { resourceEnv } from '../cli/workflowDeps.js';
import { userPool } from '../resources/userPool.js';

export interface UserPoolOptions {
  verb: 'create' | 'show';
  name?: string;
  userPoolId?: string;
}

export async function run(options: UserPoolOptions, ctx: Context): Promise<void> {
  const given = options.userPoolId ? validateUserPoolId(options.userPoolId) : undefined;
  if (options.verb === 'show') {
    const aws = await ctx.aws(); // the region is checked before anything else
    const selected = selectSetup(ctx.settings, options.name, ctx.env, false);
    const id = given ?? selected.view.userPoolId;
    if (!id) throw new UsageError(`the setup '${selected.name}' has no user pool`, { hint: 'pass --user-pool-id, or run `mmbatch-auth user-pool create`' });
    const live = await userPool.read(resourceEnv(ctx, aws), id, {});
    if (!live) throw new UsageError(`user pool ${id} does not exist in ${aws.region}`);
    printRecord(ctx, { ...describeLive('userPool', live, live.Id), name: live.Name });
    return;
  }
  const { outcome } = await runPartialSetup(ctx, { name: options.name, only: ['userPool'], handedOver: { userPool: given } });
  printOutcome(ctx, outcome, ['userPool']);
}
