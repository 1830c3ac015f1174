// `user-pool create|show`: the setup's user pool alone (create makes or repairs it, nothing else).
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { printRecord } from '../../cli/io/output.js';
import { validateUserPoolId } from '../../validate.js';
import { describeLive } from '../../cli/renderPlan.js';
import { printOutcome, runPartialSetup } from '../../cli/partialSetup.js';
import { selectSetup } from '../../config/selectedSetup.js';
import { resourceEnv } from '../../cli/workflowDeps.js';
import { userPool } from '../../resources/userPool.js';
import type { UserPoolCreateOptions, UserPoolShowOptions } from './spec.js';

export async function show(options: UserPoolShowOptions, ctx: Context): Promise<void> {
  const given = options.userPoolId ? validateUserPoolId(options.userPoolId) : undefined;
  {
    const aws = await ctx.aws(); // the region is checked before anything else
    const selected = selectSetup(ctx.settings, options.name, ctx.env, false);
    const id = given ?? selected.view.userPoolId;
    if (!id) throw new UsageError(`the setup '${selected.name}' has no user pool`, { hint: 'pass --user-pool-id, or run `mmbatch-auth user-pool create`' });
    const live = await userPool.read(resourceEnv(ctx, aws), id, {});
    if (!live) throw new UsageError(`user pool ${id} does not exist in ${aws.region}`);
    printRecord(ctx, { ...describeLive('userPool', live, live.Id), name: live.Name });
  }
}

export async function create(options: UserPoolCreateOptions, ctx: Context): Promise<void> {
  const { outcome } = await runPartialSetup(ctx, { command: 'user-pool create', name: options.name, only: ['userPool'] });
  printOutcome(ctx, outcome, ['userPool']);
}
