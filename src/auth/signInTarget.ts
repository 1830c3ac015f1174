// The full CLI's answer to "which pool, client, region and user?": the pure rules of target.ts,
// plus what only the full CLI may do: ask the server (discovery), ask the AWS profile for a region,
// prompt for a username, and explain what is missing.
//
// The server's client (and with it node:https and node:tls) is loaded only when discovery is needed:
// a sign-in whose pool is in the settings file or the flags never talks to the server.
import type { Context } from '../context.js';
import { requireValue } from '../context.js';
import { UsageError } from '../errors.js';
import { selectSetupIfClear } from '../config/selectedSetup.js';
import type { MmbatchServerClient } from '../server/client.js';
import { validateClientId, validateRegion, validateUserPoolId } from '../validate.js';
import { profileRegion } from './profileRegion.js';
import { writeDiscovery } from './discoveryCache.js';
import { defaultUsername, planTarget, targetFromDiscovery, type PoolTarget, type RecordedTarget } from './target.js';
import type { CacheKey } from './tokenCache.js';

export interface TargetOptions {
  /** --name: which setup's record names the pool, client and user. */
  name?: string;
  userPoolId?: string;
  clientId?: string;
  server?: string;
  caCert?: string;
  insecure?: boolean;
  username?: string;
  /** A server client the command already built (api), so --insecure warns once. */
  serverClient?: MmbatchServerClient;
}

export interface SignInTarget extends CacheKey {
  from: PoolTarget['from'];
}

export async function resolveSignInTarget(ctx: Context, options: TargetOptions, cache: { write: boolean }): Promise<SignInTarget> {
  const recorded: RecordedTarget = selectSetupIfClear(ctx.settings, options.name, ctx.env)?.view ?? {};
  const flags = { userPoolId: options.userPoolId, clientId: options.clientId, region: ctx.globals.region, server: options.server };
  const plan = planTarget(flags, recorded, ctx.env);
  let target: PoolTarget;
  switch (plan.kind) {
    case 'pool':
      target = plan.target;
      break;
    case 'incomplete':
      throw new UsageError(`${plan.missing} is required with ${plan.missing === '--client-id' ? '--user-pool-id' : '--client-id'}`, {
        hint: 'an app client belongs to one user pool: pass both, or neither to use the settings file or the server',
      });
    case 'discover': {
      const [{ serverClientFrom }, { discoverTarget }] = await Promise.all([import('../setup/inputs.js'), import('./discovery.js')]);
      const server =
        options.serverClient?.url === plan.serverUrl
          ? options.serverClient
          : serverClientFrom(ctx, { server: plan.serverUrl, caCert: options.caCert, insecure: options.insecure })!;
      const found = await discoverTarget(server);
      if (cache.write) writeDiscovery(ctx.env, server.url, found);
      target = targetFromDiscovery(found, flags, ctx.env);
      break;
    }
    case 'none':
      throw new UsageError('no user pool to sign in to', {
        hint: 'pass --server <url> (or set MMBATCH_SERVER), or --user-pool-id and --client-id, or run `mmbatch-auth setup` first',
      });
  }
  validateUserPoolId(target.userPoolId);
  validateClientId(target.clientId);
  const region = target.region ? validateRegion(target.region) : await profileRegion(ctx);
  const username = await requireValue(ctx, {
    what: 'the username',
    flag: '--username',
    env: 'MMBATCH_AUTH_USERNAME',
    value: defaultUsername(options.username, recorded, target, ctx.env),
    prompt: 'Username (e-mail):',
  });
  return { region, userPoolId: target.userPoolId, clientId: target.clientId, username: username.trim(), from: target.from };
}
