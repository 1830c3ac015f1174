// `app-client create|show`.
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { appClientName } from '../../names.js';
import { printRecord } from '../../cli/io/output.js';
import { DONE } from '../../resources/plan.js';
import { applyAppClient, describeAppClientForPeople, planAppClient, readAppClient } from '../../resources/appClient.js';
import { userPoolIdOf } from '../../targets.js';
import { DEFAULT_AUTH_FLOWS, validateAuthFlows, validateClientId, validateName } from '../../validate.js';
import type { AppClientCreateOptions, AppClientShowOptions } from './spec.js';

export const create = (options: AppClientCreateOptions, ctx: Context) => appClient('create', { ...options, clientId: undefined }, ctx);
export const show = (options: AppClientShowOptions, ctx: Context) => appClient('show', { ...options, authFlows: undefined }, ctx);

async function appClient(verb: 'create' | 'show', options: AppClientCreateOptions & AppClientShowOptions, ctx: Context): Promise<void> {
  const recorded = ctx.settings.load();
  const base = validateName(options.name ?? recorded.name ?? 'mmbatch');
  const userPoolId = userPoolIdOf(ctx, options.userPoolId);
  const clientId = options.clientId ? validateClientId(options.clientId) : recorded.clientId;
  const authFlows = options.authFlows ? validateAuthFlows(options.authFlows) : recorded.authFlows ?? DEFAULT_AUTH_FLOWS;
  const { idp } = await ctx.aws();
  const live = await readAppClient(idp, { userPoolId, id: clientId, name: appClientName(base) });
  if (verb === 'show') {
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
