// `app-client create|show`: the setup's SPA app client alone (in its recorded pool, or --user-pool-id).
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { printRecord } from '../../cli/io/output.js';
import { validateAuthFlows, validateClientId, validateUserPoolId } from '../../validate.js';
import { describeLive } from '../../cli/renderPlan.js';
import { printOutcome, runPartialSetup } from '../../cli/partialSetup.js';
import { selectSetup } from '../../config/selectedSetup.js';
import { resourceEnv } from '../../cli/workflowDeps.js';
import { appClient } from '../../resources/appClient.js';
import type { AppClientCreateOptions, AppClientShowOptions } from './spec.js';

export async function show(options: AppClientShowOptions, ctx: Context): Promise<void> {
  const poolGiven = options.userPoolId ? validateUserPoolId(options.userPoolId) : undefined;
  const clientGiven = options.clientId ? validateClientId(options.clientId) : undefined;
  {
    const aws = await ctx.aws(); // the region is checked before anything else
    const selected = selectSetup(ctx.settings, options.name, ctx.env, false);
    const poolId = poolGiven ?? selected.view.userPoolId;
    const clientId = clientGiven ?? selected.view.clientId;
    if (!poolId || !clientId) throw new UsageError(`the setup '${selected.name}' has no app client`, { hint: 'pass --user-pool-id and --client-id, or run `mmbatch-auth app-client create`' });
    const live = await appClient.read(resourceEnv(ctx, aws), clientId, { userPool: poolId });
    if (!live) throw new UsageError(`app client ${clientId} does not exist in user pool ${poolId}`);
    printRecord(ctx, { ...describeLive('appClient', live, live.ClientId), name: live.ClientName, userPoolId: live.UserPoolId });
  }
}

export async function create(options: AppClientCreateOptions, ctx: Context): Promise<void> {
  const poolGiven = options.userPoolId ? validateUserPoolId(options.userPoolId) : undefined;
  const authFlows = options.authFlows ? validateAuthFlows(options.authFlows) : undefined;
  const { outcome } = await runPartialSetup(ctx, {
    command: 'app-client create',
    name: options.name,
    only: ['appClient'],
    handedOver: { userPool: poolGiven },
    inputs: authFlows ? { authFlows } : {},
  });
  printOutcome(ctx, outcome, ['appClient']);
}
