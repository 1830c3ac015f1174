// Everything setup needs, gathered and validated before the first AWS or server call: flags, then
// the environment, then the setup's record, then (interactively) a prompt.
import { readFileSync } from 'node:fs';
import type { Context } from '../context.js';
import { requireValue } from '../context.js';
import { UsageError } from '../errors.js';
import { readAllStdin } from '../io.js';
import type { SelectedSetup } from '../config/selectedSetup.js';
import type { PolicyDocument } from '../resources/trustPolicy.js';
import { MmbatchServerClient, serverTimeoutMs } from '../server/client.js';
import type { SetupInputs } from '../workflows/desired.js';
import {
  DEFAULT_AUTH_FLOWS,
  validateAuthFlows,
  validateClientId,
  validateEmail,
  validateGroupName,
  validateIdentityPoolId,
  validateRoleArn,
  validateUrl,
  validateUserPoolId,
} from '../validate.js';

export interface SetupOptions {
  name?: string;
  adminEmail?: string;
  adminPasswordStdin?: boolean;
  adminGroup?: string;
  authFlows?: string;
  roleArn?: string;
  rolePolicy?: string;
  userPoolId?: string;
  clientId?: string;
  identityPoolId?: string;
  server?: string;
  caCert?: string;
  insecure?: boolean;
}

/**
 * --role-arn: the ARN's shape, and the name's 64-character limit, which the pattern (path and name
 * together, up to 512) cannot express. Caught here, IAM never sees it mid-setup after other writes.
 */
export function validateGivenRoleArn(value: string): string {
  const arn = validateRoleArn(value);
  const name = arn.slice(arn.lastIndexOf('/') + 1);
  if (name.length > 64) throw new UsageError(`invalid IAM role ARN '${value}': the role name is longer than 64 characters`);
  return arn;
}

export async function readPasswordFromStdin(ctx: Context, flag: string): Promise<string> {
  if (ctx.io.stdinIsTTY) {
    throw new UsageError(`${flag} reads the password from stdin, but stdin is a terminal`, {
      hint: `pipe it in: printf '%s' "$PASSWORD" | mmbatch-auth ... ${flag}`,
    });
  }
  const password = await readAllStdin(ctx.io.stdin);
  if (!password) throw new UsageError(`${flag} was given but stdin is empty`);
  return password;
}

export function readPolicyFile(file: string): PolicyDocument {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read the policy file '${file}'`);
  }
  try {
    const policy = JSON.parse(text) as PolicyDocument;
    if (!policy || typeof policy !== 'object' || !policy.Statement) throw new Error('no Statement');
    return policy;
  } catch {
    throw new UsageError(`'${file}' is not an IAM policy document (JSON with a Statement)`);
  }
}

export function serverClientFrom(
  ctx: Context,
  options: { server?: string; caCert?: string; insecure?: boolean },
  fallbackUrl?: string,
): MmbatchServerClient | undefined {
  const raw = options.server ?? ctx.env.MMBATCH_SERVER ?? fallbackUrl;
  if (!raw) return undefined;
  const url = validateUrl(raw, 'server URL');
  const timeoutMs = serverTimeoutMs(ctx.env);
  if (options.insecure) ctx.log.warn('--insecure: the server certificate is not verified; anyone on the path can read the tokens');
  return new MmbatchServerClient({ url, caCertFile: options.caCert, insecure: options.insecure, timeoutMs, verbose: ctx.log.verbose });
}

export async function resolveSetupInputs(ctx: Context, options: SetupOptions, selected: SelectedSetup): Promise<Omit<SetupInputs, 'region'>> {
  const recorded = selected.view;
  const handedOver = {
    userPool: options.userPoolId ? validateUserPoolId(options.userPoolId) : undefined,
    appClient: options.clientId ? validateClientId(options.clientId) : undefined,
    identityPool: options.identityPoolId ? validateIdentityPoolId(options.identityPoolId) : undefined,
    iamRole: options.roleArn ? validateGivenRoleArn(options.roleArn) : undefined,
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
  const rolePolicy = options.rolePolicy ? readPolicyFile(options.rolePolicy) : undefined;
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
  if (options.adminPasswordStdin) adminPassword = await readPasswordFromStdin(ctx, '--admin-password-stdin');
  else if (ctx.env.MMBATCH_AUTH_PASSWORD) adminPassword = ctx.env.MMBATCH_AUTH_PASSWORD;
  else if (ctx.interactive && !ctx.globals.dryRun) {
    adminPassword =
      (await ctx.prompter.password({
        message: `Password for ${adminEmail}${server ? '' : ' (leave empty and Cognito e-mails a temporary one)'}:`,
      })) || undefined;
  }
  return { name: selected.name, adminEmail, adminPassword, adminGroup, authFlows, handedOver, rolePolicy, server };
}
