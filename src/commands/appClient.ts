// `app-client create|show`.
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { appClientName } from '../names.js';
import { printRecord } from '../output.js';
import { DONE } from '../resources/plan.js';
import { applyAppClient, describeAppClientForPeople, planAppClient, readAppClient } from '../resources/appClient.js';
import { userPoolIdOf } from '../targets.js';
import { DEFAULT_AUTH_FLOWS, validateAuthFlows, validateClientId, validateName } from '../validate.js';

export interface AppClientOptions {
  verb: 'create' | 'show';
  name?: string;
  userPoolId?: string;
  clientId?: string;
  authFlows?: string;
}

export async function run(options: AppClientOptions, ctx: Context): Promise<void> {
  const recorded = ctx.settings.load();
  const base = validateName(options.name ?? recorded.name ?? 'mmbatch');
  const userPoolId = userPoolIdOf(ctx, options.userPoolId);
  const clientId = options.clientId ? validateClientId(options.clientId) : recorded.clientId;
  const authFlows = options.authFlows ? validateAuthFlows(options.authFlows) : recorded.authFlows ?? DEFAULT_AUTH_FLOWS;
  const { idp } = await ctx.aws();
  const live = await readAppClient(idp, { userPoolId, id: clientId, name: appClientName(base) });
  if (options.verb === 'show') {
    if (!live) throw new UsageError(`no app client named '${appClientName(base)}' in ${userPoolId}`, { hint: 'run `mmbatch-auth app-client create`' });
    printRecord(ctx, describeAppClientForPeople(live));
    return;
  }
  const plan = planAppClient(live, { userPoolId, name: appClientName(base), authFlows });
  if (ctx.globals.dryRun) {
    printRecord(ctx, { resource: 'appClient', id: plan.id ?? null, action: plan.action, reasons: plan.reasons, dryRun: true });
    return;
  }
  const id = await applyAppClient(idp, plan);
  ctx.settings.update({ clientId: id, authFlows, ...(plan.action === 'create' ? { created: { appClient: id } } : {}) });
  printRecord(ctx, { resource: 'appClient', id, action: DONE[plan.action], ...(plan.action === 'update' ? { reasons: plan.reasons } : {}) });
}
