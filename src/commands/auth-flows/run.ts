// `auth-flows set|show`: the client's explicit auth flows, and nothing else.
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { printRecord } from '../../cli/io/output.js';
import { validateAuthFlows, validateClientId, validateUserPoolId } from '../../validate.js';
import { printOutcome, runPartialSetup } from '../../cli/partialSetup.js';
import { selectSetup } from '../../config/selectedSetup.js';
import { resourceEnv } from '../../cli/workflowDeps.js';
import { appClient } from '../../resources/appClient.js';
import type { AuthFlowsSetOptions, AuthFlowsShowOptions } from './spec.js';

export const show = (options: AuthFlowsShowOptions, ctx: Context) => authFlows(undefined, options, ctx);
export const set = (options: AuthFlowsSetOptions, ctx: Context) => authFlows(validateAuthFlows(options.flows), options, ctx);

async function authFlows(flows: string[] | undefined, options: AuthFlowsShowOptions, ctx: Context): Promise<void> {
  const poolGiven = options.userPoolId ? validateUserPoolId(options.userPoolId) : undefined;
  const clientGiven = options.clientId ? validateClientId(options.clientId) : undefined;
  if (!flows) {
    const aws = await ctx.aws(); // the region is checked before anything else
    const selected = selectSetup(ctx.settings, options.name, ctx.env, false);
    const poolId = poolGiven ?? selected.view.userPoolId;
    const clientId = clientGiven ?? selected.view.clientId;
    if (!poolId || !clientId) throw new UsageError('no app client: pass --user-pool-id and --client-id, or run `mmbatch-auth setup` first');
    const live = await appClient.read(resourceEnv(ctx, aws), clientId, { userPool: poolId });
    if (!live) throw new UsageError(`app client ${clientId} does not exist in ${poolId}`);
    printRecord(ctx, { clientId, authFlows: live.ExplicitAuthFlows ?? [] });
    return;
  }
  const { outcome, selected } = await runPartialSetup(ctx, {
    command: 'auth-flows set',
    name: options.name,
    only: ['appClient'],
    handedOver: { userPool: poolGiven, appClient: clientGiven },
    mustExist: true,
    wants: (wants) => ({ ...wants, appClient: { settings: { authFlows: flows } } }),
  });
  // The setup's own client: later setup runs keep these flows.
  const client = outcome.changes.find((c) => c.resource === 'appClient')?.id;
  if (!ctx.globals.dryRun && outcome.applied && client && client === selected.view.clientId) selected.record.update({ authFlows: flows });
  printOutcome(ctx, outcome, ['appClient']);
}
