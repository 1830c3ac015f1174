// What the workflows need from the CLI, built from a command's context: the AWS clients and log,
// the admin's sign-in and the token cache, progress, the preflight and a confirmation on a terminal.
import type { Context } from './context.js';
import type { AwsClients } from '../aws/clients.js';
import type { SelectedSetup } from '../config/selectedSetup.js';
import { ownedByOtherSetups } from '../config/setupRecord.js';
import { acquireLock, type HeldLock } from '../config/lock.js';
import type { Plan, ResourceEnv } from '../resources/plan.js';
import type { Preflight, SetupDeps } from '../workflows/setup.js';
import type { Progress } from './io/progress.js';
import { adminPasswordAuth } from '../auth/flows/admin.js';
import { signIn } from '../auth/flows/signIn.js';
import { openSignInCalls } from '../auth/cognito/calls.js';
import { credentialSources, promptFirstCode, showAuthenticator, type CredentialSources } from '../auth/secrets.js';
import { enrolTotp } from '../auth/totp.js';
import { cachedTokensOfPool, readCachedTokens, usableCachedTokens, type CachedTokens } from '../auth/store/tokenCache.js';
import { decodeJwtPayload } from '../auth/store/tokens.js';
import { configuredEndpoints } from '../auth/store/jwks.js';
import { keepTokens } from '../auth/store/jwksFetch.js';
import { AuthError, AwsError } from '../errors.js';
import { writeLine } from './io/streams.js';
import { renderPlan } from './renderPlan.js';
import type { CognitoServerSettings } from '../server/cognitoSettings.js';

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

export interface SetupDepsExtra {
  /** setup's own checks before the first write (the AWS identity, the password against the pool's policy). */
  preflight?: Preflight;
  /** The part of it that needs no AWS answer (see SetupDeps.offlineChecks). */
  offlineChecks?: SetupDeps['offlineChecks'];
  /** The lines shown above the plan in the one confirmation (account, region, identity, server). */
  summary?: () => string[];
  /** Who asks in that confirmation (`setup`, `self-signup enable`), and its answer on Enter: No for a change that lowers security, as teardown's. */
  confirmation?: { command: string; defaultYes: boolean };
}

/** The server's current pool is not ours and no admin token of it can be had: said before anything is written. */
export class ServerUsesAnotherPoolError extends AuthError {}

export function setupDeps(ctx: Context, aws: AwsClients, selected: SelectedSetup, progress: Progress, admin: { email: string; password?: string }, extra: SetupDepsExtra = {}): SetupDeps {
  const region = aws.region;
  // The cache key names the pool, client and user, never more: a sign-in target also carries the password.
  const key = ({ userPoolId, clientId, username }: { userPoolId: string; clientId: string; username: string }) => ({ region, userPoolId, clientId, username });
  const endpoints = configuredEndpoints(ctx.env, ctx.globals.endpointUrl);
  const bearers = new Map<string, Promise<string>>();
  /** Tokens on their way into the cache (SetupDeps.finish). */
  const keeping: Promise<void>[] = [];

  /**
   * When the server already uses another pool, changing it needs an admin token from THAT pool:
   * any cached login of it (an admin's first; fresh, else renewed with its refresh token), else the
   * new admin's e-mail and password there (operators often keep one e-mail), else on a terminal
   * one of its admins signs in now. Otherwise the error names the `login` that makes one.
   */
  const findBearer = async (live: CognitoServerSettings): Promise<string> => {
    const poolRegion = live.region || region;
    const pool = { region: poolRegion, userPoolId: live.userPoolID, clientId: live.clientID };
    // The server refuses the switch (403) from anyone outside its admin groups: a token of such a
    // user would only fail after every resource is made, so it is never picked, nor accepted.
    const isAdminToken = (accessToken: string) => {
      const groups = decodeJwtPayload(accessToken)?.['cognito:groups'];
      return Array.isArray(groups) && groups.some((group) => live.adminGroups.includes(String(group)));
    };
    const logins = cachedTokensOfPool(ctx.env, pool).filter((cached) => isAdminToken(cached.accessToken));
    for (const cached of logins) {
      const candidate: CachedTokens | undefined = cached; // checked without narrowing `cached` (a stale one may still be renewed)
      if (usableCachedTokens(ctx.env, candidate, ctx.now(), { endpoints })) return candidate.accessToken;
      if (!cached.refreshToken) continue;
      const { openSignInCalls } = await import('../auth/cognito/calls.js');
      const { refreshTokens } = await import('../auth/flows/refresh.js');
      const calls = await openSignInCalls(ctx, poolRegion);
      try {
        const tokens = await refreshTokens(calls, { clientId: pool.clientId, refreshToken: cached.refreshToken }, ctx.now);
        await keepTokens(ctx.env, { ...pool, username: cached.username }, tokens, endpoints, ctx.log.verbose);
        return tokens.accessToken;
      } catch (error) {
        ctx.log.verbose(`  the saved sign-in of ${cached.username} to ${pool.userPoolId} no longer works: ${(error as Error).message}`);
      } finally {
        calls.destroy();
      }
    }
    if (admin.password && poolRegion === region) {
      try {
        const tokens = await adminPasswordAuth(aws.idp, { ...pool, username: admin.email, password: admin.password }, ctx.now);
        await keepTokens(ctx.env, { ...pool, username: admin.email }, tokens, endpoints, ctx.log.verbose);
        if (isAdminToken(tokens.accessToken)) return tokens.accessToken;
        ctx.log.verbose(`  ${admin.email} signs in to the server's current pool ${live.userPoolID} but is in none of its admin groups`);
      } catch (error) {
        if (!(error instanceof AuthError || error instanceof AwsError)) throw error;
        ctx.log.verbose(`  ${admin.email} is no admin of the server's current pool ${live.userPoolID}: ${(error as Error).message}`);
      }
    }
    const groups = live.adminGroups.join(', ') || 'its admin group';
    if (ctx.interactive) {
      progress.stop();
      writeLine(ctx.io.err, `The server uses user pool ${live.userPoolID} now: switching it needs one of that pool's admins (${groups}) to sign in.`);
      const username = (await ctx.prompter.input({ message: `An admin of ${live.userPoolID} (username or e-mail):`, validate: (value) => Boolean(value.trim()) || 'a username is needed' })).trim();
      const { obtainSession } = await import('../auth/session.js');
      const session = await obtainSession({ ...ctx, globals: { ...ctx.globals, region: poolRegion } }, { userPoolId: pool.userPoolId, clientId: pool.clientId, username, flow: 'auto' });
      if (isAdminToken(session.tokens.accessToken)) return session.tokens.accessToken;
      throw new ServerUsesAnotherPoolError(`${username} signed in to ${live.userPoolID} but is in none of its admin groups (${groups}): the server would refuse the switch, so nothing was changed`);
    }
    throw new ServerUsesAnotherPoolError(`the server uses user pool ${live.userPoolID} now, and changing it needs a token of one of that pool's admins (${groups}): none is signed in here`, {
      hint: `sign in there first, then run setup again: printf '%s' "$PASSWORD" | mmbatch-auth login --region ${poolRegion} --user-pool-id ${live.userPoolID} --client-id ${live.clientID} --username <an admin of ${live.userPoolID}> --password-stdin`,
    });
  };

  const currentServerBearer = (live: CognitoServerSettings): Promise<string> => {
    const id = `${live.userPoolID}/${live.clientID}`;
    let bearer = bearers.get(id);
    if (!bearer) bearers.set(id, (bearer = findBearer(live)));
    return bearer;
  };

  return {
    env: resourceEnv(ctx, aws),
    record: selected.record,
    ownedElsewhere: ownedByOtherSetups(ctx.settings, selected.name),
    dryRun: ctx.globals.dryRun,
    progress,
    offlineChecks: extra.offlineChecks,
    async preflight(check) {
      // The server's current admins sign the switch: found (or asked for) now, before any write.
      const live = check.located.server?.live;
      const ours = check.located.userPool.live?.Id;
      if (check.plans.server && check.plans.server.action !== 'unchanged' && live?.enabled && live.userPoolID !== ours) await currentServerBearer(live);
      await extra.preflight?.(check);
    },
    confirm: ctx.interactive && !ctx.globals.yes
      ? async (plans: Plan[], notes) => {
          progress.stop();
          for (const line of extra.summary?.() ?? []) writeLine(ctx.io.err, line);
          writeLine(ctx.io.err, `${extra.confirmation?.command ?? 'setup'} will:`);
          for (const line of renderPlan(plans, notes)) writeLine(ctx.io.err, line);
          return ctx.prompter.confirm({ message: 'Go ahead?', default: extra.confirmation?.defaultYes ?? true });
        }
      : undefined,
    async signIn(target, options = {}) {
      // The admin flow goes through the run's own client: connected, and its credentials resolved, already.
      const calls = { ...(await openSignInCalls(ctx, region)), adminClient: async () => aws.idp };
      try {
        const tokens = await signIn(calls, target, 'admin', setupSecrets(ctx, target.password, progress, options.answerChallenges !== false), ctx.now, ctx.log);
        // The proof needs the tokens, not the cache: it is written beside the next steps (finish() waits for it).
        const kept = keepTokens(ctx.env, key(target), tokens, endpoints, ctx.log.verbose);
        kept.catch(() => undefined);
        keeping.push(kept);
        return tokens;
      } finally {
        calls.destroy();
      }
    },
    async finish() {
      await Promise.all(keeping);
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
    currentServerBearer,
  };
}
