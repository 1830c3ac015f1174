// Everything setup needs, gathered and validated before the first AWS or server call: flags, then
// the environment, then the settings file, then (interactively) a prompt.
import { readFileSync } from 'node:fs';
import type { Context } from '../cli/context.js';
import { requireValue } from '../cli/context.js';
import { UsageError } from '../errors.js';
import type { PolicyDocument } from '../resources/trustPolicy.js';
import type { MmbatchServerClient } from '../server/client.js';
import { serverClientFrom } from '../server/connect.js';
import { readSecretFromStdin } from '../auth/secrets.js';
import {
  DEFAULT_AUTH_FLOWS,
  validateAuthFlows,
  validateEmail,
  validateGroupName,
  validateName,
  validateRoleArn,
  validateUrl,
} from '../validate.js';

export interface SetupOptions {
  name?: string;
  adminEmail?: string;
  adminPasswordStdin?: boolean;
  adminGroup?: string;
  authFlows?: string;
  roleArn?: string;
  rolePolicy?: string;
  server?: string;
  caCert?: string;
  insecure?: boolean;
}

export interface SetupInputs {
  name: string;
  adminEmail: string;
  adminPassword?: string;
  adminGroup: string;
  authFlows: string[];
  roleArn?: string;
  rolePolicy?: PolicyDocument;
  server?: MmbatchServerClient;
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

export async function resolveSetupInputs(ctx: Context, options: SetupOptions): Promise<SetupInputs> {
  const recorded = ctx.settings.load();
  const name = validateName(options.name ?? recorded.name ?? 'mmbatch');
  const adminEmail = await requireValue(ctx, {
    what: "the first admin's e-mail",
    flag: '--admin-email',
    value: options.adminEmail ?? recorded.adminUsername,
    prompt: 'E-mail of the first MMBatch admin:',
    validate: validateEmail,
  });
  const adminGroup = validateGroupName(options.adminGroup ?? recorded.adminGroup ?? 'admin');
  const authFlows = options.authFlows ? validateAuthFlows(options.authFlows) : recorded.authFlows ?? DEFAULT_AUTH_FLOWS;
  const roleArn = options.roleArn
    ? validateRoleArn(options.roleArn)
    : recorded.roleCreatedByTool === false
      ? recorded.roleArn
      : undefined;
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
  if (options.adminPasswordStdin) adminPassword = await readSecretFromStdin(ctx.io, '--admin-password-stdin');
  else if (ctx.env.MMBATCH_AUTH_PASSWORD) adminPassword = ctx.env.MMBATCH_AUTH_PASSWORD;
  else if (ctx.interactive && !ctx.globals.dryRun) {
    adminPassword =
      (await ctx.prompter.password({
        message: `Password for ${adminEmail} (leave empty and Cognito e-mails a temporary one):`,
      })) || undefined;
  }
  return { name, adminEmail, adminPassword, adminGroup, authFlows, roleArn, rolePolicy, server };
}
