// `auth-flows set|show`: the client's explicit auth flows, and nothing else.
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { printRecord } from '../output.js';
import { validateAuthFlows, validateClientId, validateUserPoolId } from '../validate.js';
import { printOutcome, runPartialSetup } from '../cli/partialSetup.js';
import { selectSetup } from '../config/selectedSetup.js';
import { resourceEnv } from '../cli/workflowDeps.js';
import { appClient } from '../resources/appClient.js';

export interface AuthFlowsOptions {
  verb: 'set' | 'show';
  flows?: string;
  name?: string;
  userPoolId?: string;
  clientId?: string;
}

export async function run(options: AuthFlowsOptions, ctx: Context): Promise<void> {
  const flows = options.verb === 'set' ? validateAuthFlows(options.flows ?? '') : undefined;
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
    name: options.name,
    only: ['appClient'],
    handedOver: { userPool: poolGiven, appClient: clientGiven },
    mustExist: true,
    wants: (wants) => ({ ...wants, appClient: { settings: { authFlows: flows } } }),
  });
  // The setup's own client: later setup runs keep these flows.
  const client = outcome.changes.find((c) => c.resource === 'appClient')?.id;
  if (!ctx.globals.dryRun && client && client === selected.view.clientId) selected.record.update({ authFlows: flows });
  printOutcome(ctx, outcome, ['appClient']);
}
