// `server push|status|disable`: the Cognito settings of the MMBatch server.
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { printRecord } from '../../cli/io/output.js';
import { adminAccessToken } from '../../auth/session.js';
import { applyServerSettings, disableServerCognito, planServerSettings, proveServerAccess, readServerSettings } from '../../resources/serverSettings.js';
import { serverClientFrom } from '../../server/connect.js';
import { clientIdOf, identityPoolIdOf, userPoolIdOf } from '../../targets.js';
import { validateEmail } from '../../validate.js';
import type { ServerCommandOptions } from './spec.js';

export const push = (options: ServerCommandOptions, ctx: Context) => serverCommand('push', options, ctx);
export const status = (options: ServerCommandOptions, ctx: Context) => serverCommand('status', options, ctx);
export const disable = (options: ServerCommandOptions, ctx: Context) => serverCommand('disable', options, ctx);

async function serverCommand(verb: 'push' | 'status' | 'disable', options: ServerCommandOptions, ctx: Context): Promise<void> {
  const recorded = ctx.settings.load();
  const server = serverClientFrom(ctx, options, recorded.serverUrl);
  if (!server) throw new UsageError('no server: --server is required', { hint: 'or set MMBATCH_SERVER' });
  if (verb === 'status') {
    const live = await readServerSettings(server);
    printRecord(ctx, { url: server.url, ...live });
    return;
  }
  const username = options.username ?? recorded.adminUsername;
  if (!username) throw new UsageError('no admin: --username is required');
  if (verb === 'disable') {
    const live = await readServerSettings(server);
    if (!live.enabled) {
      printRecord(ctx, { url: server.url, enabled: false, action: 'unchanged' });
      return;
    }
    if (ctx.globals.dryRun) {
      printRecord(ctx, { url: server.url, enabled: false, action: 'update', dryRun: true });
      return;
    }
    // The token must come from the pool the server uses now.
    const tokens = await adminAccessToken(ctx, {
      userPoolId: live.userPoolID,
      clientId: live.clientID,
      username,
      passwordStdin: options.passwordStdin,
    });
    await disableServerCognito(server, tokens.accessToken);
    printRecord(ctx, { url: server.url, enabled: false, action: 'updated' });
    return;
  }
  validateEmail(username);
  const userPoolId = userPoolIdOf(ctx, undefined);
  const clientId = clientIdOf(ctx, undefined);
  const identityPoolId = identityPoolIdOf(ctx, undefined);
  if (!identityPoolId) throw new UsageError('no identity pool in the settings file', { hint: 'run `mmbatch-auth setup` first' });
  const { region } = await ctx.aws();
  const live = await readServerSettings(server);
  const plan = planServerSettings(live, {
    url: server.url,
    region,
    userPoolID: userPoolId,
    clientID: clientId,
    identityPoolID: identityPoolId,
    adminGroups: [recorded.adminGroup ?? 'admin'],
  });
  if (ctx.globals.dryRun || plan.action === 'unchanged') {
    printRecord(ctx, { url: server.url, action: plan.action, reasons: plan.reasons, ...(ctx.globals.dryRun ? { dryRun: true } : {}) });
    return;
  }
  const tokens = await adminAccessToken(ctx, { userPoolId, clientId, username, passwordStdin: options.passwordStdin });
  await applyServerSettings(server, plan, { adminToken: tokens.accessToken });
  await proveServerAccess(server, tokens.accessToken);
  ctx.settings.update({ serverUrl: server.url });
  printRecord(ctx, { url: server.url, action: plan.action === 'create' ? 'created' : 'updated', verified: true });
}
