// Everything setup needs, gathered and validated before the first AWS or server call: flags, then
// the environment, then the setup's record, then (interactively) a prompt.
import type { Context } from '../../cli/context.js';
import { requireValue } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import type { SelectedSetup } from '../../config/selectedSetup.js';
import type { PolicyDocument } from '../../resources/trustPolicy.js';
import { serverClientFrom } from '../../server/connect.js';
import { readSecretFromStdin } from '../../auth/secrets.js';
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
  validateRoleArn,
  validateUrl,
  validateUserPoolId,
} from '../../validate.js';
import type { SetupOptions } from './spec.js';

export async function resolveSetupInputs(ctx: Context, options: SetupOptions, selected: SelectedSetup): Promise<Omit<SetupInputs, 'region'>> {
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
  const adminEmail = await requireValue(ctx, {
    what: "the first admin's e-mail",
    flag: '--admin-email',
    value: options.adminEmail ?? recorded.adminUsername,
    prompt: 'E-mail of the first MMBatch admin:',
    validate: validateEmail,
  });
  const adminGroup = validateGroupName(options.adminGroup ?? recorded.adminGroup ?? 'admin');
  const authFlows = options.authFlows ? validateAuthFlows(options.authFlows) : recorded.authFlows ?? DEFAULT_AUTH_FLOWS;
  const rolePolicy = options.rolePolicy ? (readPolicyFile(options.rolePolicy) as PolicyDocument) : undefined;
  let serverUrl = recorded.serverUrl;
  if (!options.server && !ctx.env.MMBATCH_SERVER && !serverUrl && ctx.interactive) {
    serverUrl =
      (await ctx.prompter.input({
        message: 'URL of the MMBatch server to switch to Cognito (leave empty to skip):',
        validate: (value) => {
          if (!value) return true;
          try {
            validateUrl(value, 'server URL');
            return true;
          } catch (error) {
            return (error as Error).message;
          }
        },
      })) || undefined;
  }
  const server = serverClientFrom(ctx, options, serverUrl);

  let adminPassword: string | undefined;
  if (options.adminPasswordStdin) adminPassword = await readSecretFromStdin(ctx.io, '--admin-password-stdin');
  else if (ctx.env.MMBATCH_AUTH_PASSWORD) adminPassword = ctx.env.MMBATCH_AUTH_PASSWORD;
  else if (ctx.interactive && !ctx.globals.dryRun) {
    adminPassword =
      (await ctx.prompter.password({
        message: `Password for ${adminEmail}${server ? '' : ' (leave empty and Cognito e-mails a temporary one)'}:`,
      })) || undefined;
  }
  // The record's choices unless a flag changes them: a later run keeps what the first was asked for.
  const recordedMfa = recordedChoices(recorded);
  const mfa = options.mfa ?? (recorded.mfa === undefined && ctx.interactive && !ctx.globals.dryRun ? await askMfa(ctx) : recordedMfa.mfa);
  const threatProtection = options.threatProtection ?? recordedMfa.threatProtection;
  return { name: selected.name, adminEmail, adminPassword, adminGroup, authFlows, mfa, threatProtection, handedOver, rolePolicy, server };
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
  for (;;) {
    const answer = (await ctx.prompter.input({ message: 'MFA (optional, required, off):', default: 'optional' })).trim().toLowerCase() || 'optional';
    if (answer === 'optional' || answer === 'required' || answer === 'off') return answer;
    ctx.log.warn('answer optional, required or off');
  }
}
