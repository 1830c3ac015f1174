// Everything setup needs, gathered and validated before the first AWS write (and as much as can be
// before the first AWS call): flags, then the environment, then the setup's record, then
// (interactively) a prompt. In order: the region, the admin's e-mail, the server (its TLS trusted
// now, not after seven resources exist), the admin's password (typed twice, checked against the
// password policy as it is typed).
import type { Context } from '../../cli/context.js';
import { requireValue } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import type { SelectedSetup } from '../../config/selectedSetup.js';
import type { PolicyDocument } from '../../resources/trustPolicy.js';
import { readSecretFromStdin } from '../../auth/secrets.js';
import { keepSecret } from '../../redact.js';
import { recordedChoices, type SetupInputs } from '../../workflows/desired.js';
import type { MfaMode } from '../../resources/userPool.js';
import {
  DEFAULT_AUTH_FLOWS,
  readPolicyFile,
  validateAuthFlows,
  validateClientId,
  validateEmail,
  validateGroupName,
  validateIdentityPoolId,
  validateRegion,
  validateRoleArn,
  validateServerUrl,
  validateUserPoolId,
} from '../../validate.js';
import type { SetupOptions } from './spec.js';
import { trustedServer } from './trust.js';
import { describePolicyProblems, effectivePolicy, policyProblems, requirePolicyCompliant, safePolicy, type PasswordPolicy } from './passwordPolicy.js';
import { COGNITO_REGIONS } from './regions.js';

export interface GatheredInputs extends Omit<SetupInputs, 'region'> {
  /** Undefined: nothing names one yet, and no prompt could ask (the AWS profile's, or an error, follows). */
  region?: string;
}

export async function resolveSetupInputs(ctx: Context, options: SetupOptions, selected: SelectedSetup): Promise<GatheredInputs> {
  const recorded = selected.view;
  const handedOver = {
    userPool: options.userPoolId ? validateUserPoolId(options.userPoolId) : undefined,
    appClient: options.clientId ? validateClientId(options.clientId) : undefined,
    identityPool: options.identityPoolId ? validateIdentityPoolId(options.identityPoolId) : undefined,
    iamRole: options.roleArn ? validateRoleArn(options.roleArn) : undefined,
  };
  if (handedOver.appClient && !handedOver.userPool && !recorded.userPoolId) {
    throw new UsageError('--client-id names a client of a user pool: pass --user-pool-id too');
  }
  const adminGroup = validateGroupName(options.adminGroup ?? recorded.adminGroup ?? 'admin');
  const authFlows = options.authFlows ? validateAuthFlows(options.authFlows) : recorded.authFlows ?? DEFAULT_AUTH_FLOWS;
  const rolePolicy = options.rolePolicy ? (readPolicyFile(options.rolePolicy) as PolicyDocument) : undefined;
  const region = await chooseRegion(ctx, recorded.region);
  const adminEmail = await requireValue(ctx, {
    what: "the first admin's e-mail",
    flag: '--admin-email',
    value: options.adminEmail ?? recorded.adminUsername,
    prompt: 'E-mail of the first MMBatch admin:',
    validate: validateEmail,
  });
  let serverUrl = recorded.serverUrl;
  if (!options.server && !ctx.env.MMBATCH_SERVER && !serverUrl && ctx.interactive) {
    serverUrl =
      (await ctx.prompter.input({
        message: 'URL of the MMBatch server to switch to Cognito, e.g. https://mmbatch.example.com:8081 (leave empty to skip):',
        validate: (value) => {
          if (!value) return true;
          try {
            validateServerUrl(value);
            return true;
          } catch (error) {
            return (error as Error).message;
          }
        },
      })) || undefined;
  }
  const explicitServer = options.server ?? (ctx.env.MMBATCH_SERVER || undefined);
  const server = await trustedServer(ctx, options, recorded, explicitServer ?? serverUrl);

  const adminPassword = await adminPasswordOf(ctx, options, {
    adminEmail,
    // Cognito's e-mailed temporary password cannot sign the server's switch: offered only without a server.
    temporaryAllowed: !server,
    policy: () => policyFor(ctx, region, handedOver.userPool ?? recorded.userPoolId),
    // A pool that exists already: its admin's password is not set again, only proven (setup checks it later).
    checkNow: !handedOver.userPool && !recorded.userPoolId,
  });
  // The record's choices unless a flag changes them: a later run keeps what the first was asked for.
  const recordedMfa = recordedChoices(recorded);
  const mfa = options.mfa ?? (recorded.mfa === undefined && ctx.interactive && !ctx.globals.dryRun ? await askMfa(ctx) : recordedMfa.mfa);
  const threatProtection = options.threatProtection ?? recordedMfa.threatProtection;
  return { name: selected.name, region, adminEmail, adminPassword, adminGroup, authFlows, mfa, threatProtection, handedOver, rolePolicy, server };
}

/**
 * --region, AWS_REGION, AWS_DEFAULT_REGION, the setup's record; else, on a terminal, a list with
 * the AWS profile's region first. Without a terminal: undefined (the profile's, or the SDK's error).
 */
async function chooseRegion(ctx: Context, recorded: string | undefined): Promise<string | undefined> {
  const given = ctx.globals.region ?? (ctx.env.AWS_REGION || undefined) ?? (ctx.env.AWS_DEFAULT_REGION || undefined);
  if (given) return validateRegion(given);
  if (recorded) return recorded;
  if (!ctx.interactive) return undefined;
  let profileRegion: string | undefined;
  try {
    const { resolveRegion } = await import('../../aws/clients.js');
    profileRegion = await resolveRegion({ profile: ctx.globals.profile }, ctx.env);
  } catch {
    profileRegion = undefined; // none in the profile: the list starts at us-east-1
  }
  const regions = [...new Set([...(profileRegion ? [profileRegion] : []), ...COGNITO_REGIONS])];
  return ctx.prompter.select({
    message: `AWS region for the user pool and identity pool${profileRegion ? ` (your profile's is ${profileRegion})` : ''}:`,
    choices: regions.map((value) => ({ name: value === profileRegion ? `${value} (profile)` : value, value })),
    default: regions[0],
  });
}

/** The policy the admin's password must meet: the new pool's (setup's), or an existing pool's once repaired. */
async function policyFor(ctx: Context, region: string | undefined, userPoolId: string | undefined): Promise<PasswordPolicy> {
  if (!userPoolId) return safePolicy();
  try {
    const aws = await ctx.aws({ region });
    const { DescribeUserPoolCommand } = await import('@aws-sdk/client-cognito-identity-provider');
    const { UserPool } = await aws.idp.send(new DescribeUserPoolCommand({ UserPoolId: userPoolId }));
    return effectivePolicy(UserPool);
  } catch {
    return safePolicy(); // setup's own reads report what is wrong with the pool
  }
}

async function adminPasswordOf(
  ctx: Context,
  options: SetupOptions,
  want: { adminEmail: string; temporaryAllowed: boolean; policy: () => Promise<PasswordPolicy>; checkNow: boolean },
): Promise<string | undefined> {
  let password: string | undefined;
  if (options.adminPasswordStdin) password = await readSecretFromStdin(ctx.io, '--admin-password-stdin');
  else if (ctx.env.MMBATCH_AUTH_PASSWORD) password = ctx.env.MMBATCH_AUTH_PASSWORD;
  else if (ctx.interactive && !ctx.globals.dryRun) return promptPassword(ctx, want.adminEmail, want.temporaryAllowed, await want.policy());
  // Before any AWS call: a password the new pool will refuse never gets as far as creating it.
  if (password !== undefined && want.checkNow && !ctx.globals.dryRun) requirePolicyCompliant(password, safePolicy());
  return password;
}

async function promptPassword(ctx: Context, email: string, temporaryAllowed: boolean, policy: PasswordPolicy): Promise<string | undefined> {
  const rules = `${policy.minimumLength}+ characters${[policy.uppercase && 'upper', policy.lowercase && 'lower', policy.numbers && 'digit', policy.symbols && 'symbol'].filter(Boolean).join(', ').replace(/^(.)/, ', $1')}`;
  for (;;) {
    const first = await ctx.prompter.password({
      message: `Password for ${email} (${rules}${temporaryAllowed ? '; leave empty and Cognito e-mails a temporary one' : ''}):`,
      validate: (value) => {
        if (!value) return temporaryAllowed || 'a password is needed: the server is switched only after the admin has signed in with it';
        const problems = policyProblems(value, policy);
        return problems.length ? describePolicyProblems(problems) : true;
      },
    });
    if (!first) return undefined;
    const again = await ctx.prompter.password({ message: 'The same password again:' });
    keepSecret(first);
    if (again === first) return first;
    ctx.log.warn('the two passwords differ; try again');
  }
}

/**
 * The interactive setup says what `--mfa required` means for the web UI, and asks. Required passes
 * the scanners' MFA check, but the MMBatch web UI must then enrol users and ask for codes itself,
 * which nobody here can confirm: optional (users choose; admins are offered an app) is the default.
 */
async function askMfa(ctx: Context): Promise<MfaMode> {
  ctx.io.err.write(
    [
      'MFA (an authenticator app, TOTP) for this user pool:',
      '  optional  users choose; setup offers the first admin an authenticator (the default)',
      '  required  everyone must have one: security scanners pass this, but the MMBatch web UI must',
      '            then enrol users and ask for codes itself; if it does not, nobody can sign in there',
      '  off       no MFA',
      '',
    ].join('\n'),
  );
  {
    return (await ctx.prompter.select({
      message: 'MFA for this user pool:',
      choices: [
        { name: 'optional (the default)', value: 'optional' },
        { name: 'required', value: 'required' },
        { name: 'off', value: 'off' },
      ],
      default: 'optional',
    })) as MfaMode;
  }
}
