// `auth-flows set|show`: the client's explicit auth flows.
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { printRecord } from '../../cli/io/output.js';
import { readAppClient, setAuthFlows } from '../../resources/appClient.js';
import { sameSet } from '../../resources/plan.js';
import { clientIdOf, userPoolIdOf } from '../../targets.js';
import { validateAuthFlows } from '../../validate.js';
import type { AuthFlowsSetOptions, AuthFlowsShowOptions } from './spec.js';

export const set = (options: AuthFlowsSetOptions, ctx: Context) => authFlows(options, ctx);
export const show = (options: AuthFlowsShowOptions, ctx: Context) => authFlows({ ...options, flows: undefined }, ctx);

async function authFlows(options: AuthFlowsShowOptions & { flows: string | undefined }, ctx: Context): Promise<void> {
  const flows = options.flows !== undefined ? validateAuthFlows(options.flows) : undefined;
  const userPoolId = userPoolIdOf(ctx, options.userPoolId);
  const clientId = clientIdOf(ctx, options.clientId);
  const { idp } = await ctx.aws();
  const live = await readAppClient(idp, { userPoolId, id: clientId });
  if (!live) throw new UsageError(`app client ${clientId} does not exist in ${userPoolId}`);
  if (!flows) {
    printRecord(ctx, { clientId, authFlows: live.ExplicitAuthFlows ?? [] });
    return;
  }
  if (ctx.globals.dryRun) {
    printRecord(ctx, { clientId, authFlows: flows, action: sameSet(live.ExplicitAuthFlows, flows) ? 'unchanged' : 'update', dryRun: true });
    return;
  }
  const changed = await setAuthFlows(idp, live, flows);
  if (ctx.settings.load().clientId === clientId) ctx.settings.update({ authFlows: flows });
  printRecord(ctx, { clientId, authFlows: flows, action: changed ? 'updated' : 'unchanged' });
}
