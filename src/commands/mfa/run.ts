// `mfa enroll|status|disable`: TOTP for the people who sign in, above all the admins who can change
// the server. TOTP only, never SMS.
//
// enroll signs the user in (as `token` does: cache, refresh, password) and sets up an authenticator
// app: on a terminal in one go (QR code, then the app's first code); without one (or with --json)
// in two steps, since the code exists only once the app has the secret: the first prints the
// otpauth:// URI, the second (`--first-code-stdin`) verifies the code. Either way TOTP ends up on
// and preferred. status and disable read or change the user's MFA with the operator's AWS
// credentials (AdminGetUser, AdminSetUserMFAPreference: an admin may reset another user's MFA),
// or else as the user themselves (GetUser, SetUserMFAPreference with their access token).
import type { Context } from '../../cli/context.js';
import { printRecord } from '../../cli/io/output.js';
import { writeLine } from '../../cli/io/streams.js';
import { obtainSession } from '../../auth/session.js';
import { openSignInCalls, type SignInCalls } from '../../auth/cognito/calls.js';
import { promptFirstCode, readSecretFromStdin, showAuthenticator, validateMfaCode } from '../../auth/secrets.js';
import { resolveSignInTarget, type SignInTarget } from '../../auth/target.js';
import { associateTotp, confirmTotp } from '../../auth/totp.js';
import { AwsConfigError, UsageError } from '../../errors.js';
import type { MfaOptions } from './spec.js';

const TOTP = 'SOFTWARE_TOKEN_MFA';

async function withCalls<T>(ctx: Context, region: string, work: (calls: SignInCalls) => Promise<T>): Promise<T> {
  const calls = await openSignInCalls(ctx, region);
  try {
    return await work(calls);
  } finally {
    calls.destroy();
  }
}

export const enroll = async (options: MfaOptions, ctx: Context): Promise<void> => {
  if (options.firstCodeStdin && (options.passwordStdin || options.mfaCodeStdin)) {
    throw new UsageError('--first-code-stdin takes all of stdin: pass the password in MMBATCH_AUTH_PASSWORD instead', {
      hint: 'the first step (`mfa enroll` without a code) signed in already: its token is in the cache',
    });
  }
  const firstCode = options.firstCodeStdin ? validateMfaCode(await readSecretFromStdin(ctx.io, '--first-code-stdin')) : undefined;
  let enrolledInSignIn = false;
  const session = await obtainSession(ctx, { ...options, cache: true, onTotpEnrolled: () => (enrolledInSignIn = true) });
  const { target, tokens } = session;
  const done = (how: string) =>
    printRecord(ctx, { username: target.username, userPoolId: target.userPoolId, totp: 'enabled', preferred: true, ...(ctx.globals.json ? {} : { how }) });

  if (enrolledInSignIn) return done('set up during the sign-in (the pool requires MFA)');
  await withCalls(ctx, target.region, async (calls) => {
    if (firstCode) {
      await confirmTotp(calls, tokens.accessToken, firstCode);
      done('the app\'s first code was right: every sign-in now asks for its code');
      return;
    }
    const pending = await associateTotp(calls, tokens.accessToken, target.username);
    if (ctx.interactive && !ctx.globals.json) {
      await showAuthenticator(ctx, pending.uri);
      await confirmTotp(calls, tokens.accessToken, await promptFirstCode(ctx));
      done('the app\'s first code was right: every sign-in now asks for its code');
      return;
    }
    // No terminal to ask on: the URI now, the code in a second run.
    if (ctx.globals.json) printRecord(ctx, { username: target.username, userPoolId: target.userPoolId, otpauthUri: pending.uri, secret: pending.secret, totp: 'pending' });
    else writeLine(ctx.io.out, pending.uri);
    writeLine(
      ctx.io.err,
      `Add it to an authenticator app, then finish with its first code: printf '%s' "$CODE" | mmbatch-auth mfa enroll --first-code-stdin --username ${target.username}`,
    );
  });
};

interface MfaState {
  username: string;
  totp: 'enabled' | 'not set up';
  preferred: boolean;
  /** The pool's MFA mode, when the operator's credentials can read it. */
  poolMfa?: string;
  via: 'aws' | 'user';
}

/** With the operator's AWS credentials, the admin calls; without them, undefined (the user's own token is the way). */
async function asOperator<T>(ctx: Context, work: (idp: Awaited<ReturnType<Context['aws']>>['idp']) => Promise<T>): Promise<T | undefined> {
  try {
    const { idp } = await ctx.aws();
    return await work(idp);
  } catch (error) {
    if (error instanceof AwsConfigError) return undefined;
    throw error;
  }
}

async function targetOf(ctx: Context, options: MfaOptions): Promise<SignInTarget> {
  return resolveSignInTarget(ctx, options, { write: false });
}

export const status = async (options: MfaOptions, ctx: Context): Promise<void> => {
  const target = await targetOf(ctx, options);
  const state = await readMfaState(ctx, options, target);
  printRecord(ctx, { ...state, userPoolId: target.userPoolId });
};

/** The user's TOTP as the operator's credentials read it, else as the user's own token does. */
async function readMfaState(ctx: Context, options: MfaOptions, target: SignInTarget): Promise<MfaState> {
  const { AdminGetUserCommand, GetUserPoolMfaConfigCommand } = await import('@aws-sdk/client-cognito-identity-provider');
  let state: MfaState | undefined = await asOperator(ctx, async (idp) => {
    const [user, pool] = await Promise.all([
      idp.send(new AdminGetUserCommand({ UserPoolId: target.userPoolId, Username: target.username })),
      idp.send(new GetUserPoolMfaConfigCommand({ UserPoolId: target.userPoolId })),
    ]);
    return {
      username: target.username,
      totp: (user.UserMFASettingList ?? []).includes(TOTP) ? 'enabled' : 'not set up',
      preferred: user.PreferredMfaSetting === TOTP,
      poolMfa: { ON: 'required', OPTIONAL: 'optional', OFF: 'off' }[pool.MfaConfiguration ?? 'OFF'],
      via: 'aws',
    } satisfies MfaState;
  });
  if (!state) {
    const { tokens } = await obtainSession(ctx, { ...options, cache: true });
    const user = await withCalls(ctx, target.region, (calls) => calls.getUser({ AccessToken: tokens.accessToken }));
    state = { username: target.username, totp: (user.UserMFASettingList ?? []).includes(TOTP) ? 'enabled' : 'not set up', preferred: user.PreferredMfaSetting === TOTP, via: 'user' };
  }
  return state;
}

export const disable = async (options: MfaOptions, ctx: Context): Promise<void> => {
  const target = await targetOf(ctx, options);
  if (ctx.globals.dryRun) {
    // The plan needs no confirmation: it is read, never applied.
    const { totp } = await readMfaState(ctx, options, target);
    printRecord(ctx, { username: target.username, userPoolId: target.userPoolId, totp, action: totp === 'enabled' ? 'disable' : 'unchanged', dryRun: true });
    return;
  }
  if (!ctx.globals.yes) {
    if (!ctx.interactive) throw new UsageError(`turning off the MFA of ${target.username} needs confirmation: pass --yes`);
    const sure = await ctx.prompter.confirm({ message: `Turn off the authenticator app (TOTP) of ${target.username}? Their sign-in then needs only the password.`, default: false });
    if (!sure) {
      ctx.log.info('nothing was changed');
      return;
    }
  }
  const off = { Enabled: false, PreferredMfa: false };
  const { AdminSetUserMFAPreferenceCommand, GetUserPoolMfaConfigCommand } = await import('@aws-sdk/client-cognito-identity-provider');
  let via: 'aws' | 'user' = 'aws';
  const poolMfa = await asOperator(ctx, async (idp) => {
    await idp.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: target.userPoolId, Username: target.username, SoftwareTokenMfaSettings: off }));
    return (await idp.send(new GetUserPoolMfaConfigCommand({ UserPoolId: target.userPoolId }))).MfaConfiguration;
  });
  if (poolMfa === undefined) {
    via = 'user';
    const { tokens } = await obtainSession(ctx, { ...options, cache: true });
    await withCalls(ctx, target.region, (calls) => calls.setUserMfaPreference({ AccessToken: tokens.accessToken, SoftwareTokenMfaSettings: off }));
  }
  if (poolMfa === 'ON') ctx.log.warn('the pool requires MFA: Cognito asks this user for an authenticator at the next sign-in all the same');
  printRecord(ctx, { username: target.username, userPoolId: target.userPoolId, totp: 'disabled', via });
};
