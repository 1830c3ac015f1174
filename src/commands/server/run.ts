// `server push|status|disable`: the Cognito settings of the MMBatch server. push is setup's last
// steps alone: the admin signs in to the setup's pool, the identity pool proves it works, then the
// server is switched (it verifies the admin's token), read back and called with that token.
import type { Context } from '../../cli/context.js';
import { BlockedError, UsageError } from '../../errors.js';
import { printRecord } from '../../cli/io/output.js';
import { adminAccessToken } from '../../auth/session.js';
import { readCognitoSettings } from '../../server/cognitoSettings.js';
import { serverClientFrom } from '../../server/connect.js';
import { selectSetup } from '../../config/selectedSetup.js';
import { printOutcome, runPartialSetup } from '../../cli/partialSetup.js';
import { resourceEnv } from '../../cli/workflowDeps.js';
import { serverCognito, serverUses } from '../../resources/serverSettings.js';
import { validateEmail } from '../../validate.js';
import type { ServerCommandOptions } from './spec.js';

export const push = (options: ServerCommandOptions, ctx: Context) => serverCommand('push', options, ctx);
export const status = (options: ServerCommandOptions, ctx: Context) => serverCommand('status', options, ctx);
export const disable = (options: ServerCommandOptions, ctx: Context) => serverCommand('disable', options, ctx);

async function serverCommand(verb: 'push' | 'status' | 'disable', options: ServerCommandOptions, ctx: Context): Promise<void> {
  const selected = selectSetup(ctx.settings, options.name, ctx.env, !ctx.globals.dryRun);
  const server = serverClientFrom(ctx, options, selected.view);
  if (!server) throw new UsageError('no server: --server is required', { hint: 'or set MMBATCH_SERVER' });
  if (verb === 'status') {
    printRecord(ctx, { url: server.url, ...(await readCognitoSettings(server)) });
    return;
  }
  const username = options.username ?? selected.view.adminUsername;
  if (!username) throw new UsageError('no admin: --username is required');
  validateEmail(username);
  if (verb === 'disable') {
    const live = await readCognitoSettings(server);
    // The setup named acts for itself only: a server another setup (or a person) pointed elsewhere stays on.
    const ours = { userPool: selected.view.userPoolId, appClient: selected.view.clientId, identityPool: selected.view.identityPoolId };
    if (live.enabled && !serverUses(live, ours)) {
      throw new BlockedError(`the MMBatch server ${server.url} uses user pool ${live.userPoolID}, which is not the setup '${selected.name}''s: it stays on`, {
        hint: 'name the setup that uses it with --name, or turn it off with `mmbatch-auth api DELETE /api/v1/security/cognito` if no setup records it',
      });
    }
    if (!live.enabled || ctx.globals.dryRun) {
      printRecord(ctx, { url: server.url, enabled: false, action: live.enabled ? 'update' : 'unchanged', ...(ctx.globals.dryRun ? { dryRun: true } : {}) });
      return;
    }
    // The token must come from the pool the server uses now.
    const tokens = await adminAccessToken(ctx, { userPoolId: live.userPoolID, clientId: live.clientID, username, passwordStdin: options.passwordStdin });
    await serverCognito.remove(resourceEnv(ctx, await ctx.aws()), live, { server, bearer: tokens.accessToken });
    printRecord(ctx, { url: server.url, enabled: false, action: 'updated' });
    return;
  }
  const { outcome } = await runPartialSetup(ctx, {
    command: 'server push',
    name: options.name,
    only: ['server'],
    server,
    inputs: { adminEmail: username },
    sessionTokens: (target) => adminAccessToken(ctx, { ...target, passwordStdin: options.passwordStdin }),
  });
  printOutcome(ctx, outcome, ['server']);
}
