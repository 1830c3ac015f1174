// What the workflows need from the CLI, built from a command's context: the AWS clients and log,
// the admin's sign-in and the token cache, progress, and a confirmation on a terminal.
import type { Context } from './context.js';
import type { AwsClients } from '../aws/clients.js';
import type { SelectedSetup } from '../config/selectedSetup.js';
import { ownedByOtherSetups } from '../config/setupRecord.js';
import { acquireLock, type HeldLock } from '../config/lock.js';
import type { ResourceEnv } from '../resources/plan.js';
import type { SetupDeps } from '../workflows/setup.js';
import type { Progress } from './io/progress.js';
import { adminPasswordAuth } from '../auth/flows/admin.js';
import { isFresh, readCachedTokens, writeCachedTokens } from '../auth/store/tokenCache.js';
import { AuthError, AwsError } from '../errors.js';
import { writeLine } from './io/streams.js';
import { renderPlan } from './renderPlan.js';

export function resourceEnv(ctx: Context, aws: AwsClients): ResourceEnv {
  return { aws, log: { verbose: ctx.log.verbose, warn: ctx.log.warn }, now: ctx.now };
}

/** One run at a time per setup name on this machine (a dry run changes nothing and needs none). */
export function lockSetup(ctx: Context, selected: SelectedSetup, command: string): HeldLock {
  if (ctx.globals.dryRun) return { release: () => undefined };
  return acquireLock(`${ctx.settings.path}.${selected.name}.lock`, command, `the setup '${selected.name}'`);
}

export function setupDeps(ctx: Context, aws: AwsClients, selected: SelectedSetup, progress: Progress, admin: { email: string; password?: string }): SetupDeps {
  const region = aws.region;
  // The cache key names the pool, client and user, never more: a sign-in target also carries the password.
  const key = ({ userPoolId, clientId, username }: { userPoolId: string; clientId: string; username: string }) => ({ region, userPoolId, clientId, username });
  return {
    env: resourceEnv(ctx, aws),
    record: selected.record,
    ownedElsewhere: ownedByOtherSetups(ctx.settings, selected.name),
    dryRun: ctx.globals.dryRun,
    progress,
    confirm: ctx.interactive && !ctx.globals.yes
      ? async (plans, notes) => {
          progress.stop();
          writeLine(ctx.io.err, 'setup will:');
          for (const line of renderPlan(plans, notes)) writeLine(ctx.io.err, line);
          return ctx.prompter.confirm({ message: 'Go ahead?', default: true });
        }
      : undefined,
    async signIn(target) {
      const tokens = await adminPasswordAuth(aws.idp, target, ctx.now);
      writeCachedTokens(ctx.env, key(target), tokens);
      return tokens;
    },
    cachedTokens(target) {
      const cached = readCachedTokens(ctx.env, key(target));
      return cached && isFresh(cached, ctx.now()) ? cached : undefined;
    },
    /**
     * When the server already uses another pool, changing it needs an admin token from THAT pool:
     * a fresh cached one, else the same admin signing in there (operators often keep one e-mail).
     */
    async currentServerBearer(live) {
      const target = { userPoolId: live.userPoolID, clientId: live.clientID, username: admin.email };
      const liveKey = { region: live.region || region, userPoolId: target.userPoolId, clientId: target.clientId, username: target.username };
      const cached = readCachedTokens(ctx.env, liveKey);
      if (cached && isFresh(cached, ctx.now())) return cached.accessToken;
      const password = admin.password;
      if (!password || (live.region && live.region !== region)) return undefined;
      try {
        const tokens = await adminPasswordAuth(aws.idp, { ...target, password }, ctx.now);
        writeCachedTokens(ctx.env, liveKey, tokens);
        return tokens.accessToken;
      } catch (error) {
        if (error instanceof AuthError || error instanceof AwsError) {
          ctx.log.verbose(`no admin token for the server's current pool ${live.userPoolID}: ${(error as Error).message}`);
          return undefined;
        }
        throw error;
      }
    },
  };
}
