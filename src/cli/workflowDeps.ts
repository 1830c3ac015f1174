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
import { signIn } from '../auth/flows/signIn.js';
import { openSignInCalls } from '../auth/cognito/calls.js';
import { credentialSources, promptFirstCode, showAuthenticator, type CredentialSources } from '../auth/secrets.js';
import { enrolTotp } from '../auth/totp.js';
import { readCachedTokens, usableCachedTokens } from '../auth/store/tokenCache.js';
import { configuredEndpoints } from '../auth/store/jwks.js';
import { keepTokens } from '../auth/store/jwksFetch.js';
import { AuthError, AwsError } from '../errors.js';
import { writeLine } from './io/streams.js';
import { renderPlan } from './renderPlan.js';

/** The probe of setup's sign-in stops at a challenge: the password was right, the rest waits for the real sign-in. */
export class ChallengeDeferred extends Error {}

/**
 * The admin's secrets during setup: the password is an input; a one-time code or a new
 * authenticator comes as for `token` (MMBATCH_AUTH_MFA_CODE, a prompt), with the progress lines
 * stopped first so the question is not drawn over.
 */
function setupSecrets(ctx: Context, password: string, progress: Progress, answer: boolean): CredentialSources {
  const sources = credentialSources(ctx, {});
  const defer = async (): Promise<never> => {
    throw new ChallengeDeferred('the sign-in asks for more than the password');
  };
  return {
    ...sources,
    hasPassword: () => true,
    password: async () => password,
    newPassword: answer ? (username) => (progress.stop(), sources.newPassword(username)) : defer,
    mfaCode: answer ? (kind) => (progress.stop(), sources.mfaCode(kind)) : defer,
    enrolAuthenticator: answer ? (username, associate) => (progress.stop(), sources.enrolAuthenticator(username, associate)) : defer,
  };
}

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
  const endpoints = configuredEndpoints(ctx.env, ctx.globals.endpointUrl);
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
    async signIn(target, options = {}) {
      const calls = await openSignInCalls(ctx, region);
      try {
        const tokens = await signIn(calls, target, 'admin', setupSecrets(ctx, target.password, progress, options.answerChallenges !== false), ctx.now, ctx.log);
        await keepTokens(ctx.env, key(target), tokens, endpoints, ctx.log.verbose);
        return tokens;
      } finally {
        calls.destroy();
      }
    },
    offerAdminMfa: ctx.interactive && !ctx.globals.yes
      ? async (tokens, username) => {
          progress.stop();
          writeLine(ctx.io.err, `\n${username} can change the MMBatch server's settings. MFA is optional in this pool: an authenticator app (TOTP) protects this admin if the password leaks.`);
          if (!(await ctx.prompter.confirm({ message: `Set up an authenticator app for ${username} now?`, default: true }))) {
            writeLine(ctx.io.err, 'Later: `mmbatch-auth mfa enroll` (status reports admins without MFA).');
            return;
          }
          const calls = await openSignInCalls(ctx, region);
          try {
            await enrolTotp(calls, tokens.accessToken, username, async (pending) => {
              await showAuthenticator(ctx, pending.uri);
              return promptFirstCode(ctx);
            });
            writeLine(ctx.io.err, `${username} now signs in with a code from the app.`);
          } finally {
            calls.destroy();
          }
        }
      : undefined,
    cachedTokens(target) {
      const cached = readCachedTokens(ctx.env, key(target));
      return usableCachedTokens(ctx.env, cached, ctx.now(), { endpoints, use: 'both' }) ? cached : undefined;
    },
    /**
     * When the server already uses another pool, changing it needs an admin token from THAT pool:
     * a fresh cached one, else the same admin signing in there (operators often keep one e-mail).
     */
    async currentServerBearer(live) {
      const target = { userPoolId: live.userPoolID, clientId: live.clientID, username: admin.email };
      const liveKey = { region: live.region || region, userPoolId: target.userPoolId, clientId: target.clientId, username: target.username };
      const cached = readCachedTokens(ctx.env, liveKey);
      if (usableCachedTokens(ctx.env, cached, ctx.now(), { endpoints })) return cached.accessToken;
      const password = admin.password;
      if (!password || (live.region && live.region !== region)) return undefined;
      try {
        const tokens = await adminPasswordAuth(aws.idp, { ...target, password }, ctx.now);
        await keepTokens(ctx.env, liveKey, tokens, endpoints, ctx.log.verbose);
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
