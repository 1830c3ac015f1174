// Every input is checked here, before the first AWS or server call, so bad input never leaves a
// half-done change behind. Patterns are the AWS API reference's own where one exists.
import { readFileSync } from 'node:fs';
import { UsageError } from './errors.js';

// No spaces, controls, format characters (bidi overrides) or unassigned code points: Cognito's own
// username pattern, [\p{L}\p{M}\p{S}\p{N}\p{P}]+, refuses them too.
const EMAIL = /^[^\s@\p{C}]+@[^\s@\p{C}]+\.[^\s@\p{C}]+$/u;
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;
// UserPoolId: [\w-]+_[0-9a-zA-Z]+ (the part before `_` is the region on AWS).
const USER_POOL_ID = /^[\w-]+_[0-9a-zA-Z]+$/;
// ClientId: [\w+]+, 1-128.
const CLIENT_ID = /^[\w+]{1,128}$/;
// IdentityPoolId: [\w-]+:[0-9a-f-]+, 1-55.
const IDENTITY_POOL_ID = /^[\w-]+:[0-9a-f-]+$/;
const ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const GROUP_NAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u;

export const AUTH_FLOWS = [
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
  'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_CUSTOM_AUTH',
  'ALLOW_USER_AUTH',
] as const;
export const DEFAULT_AUTH_FLOWS = ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH'];

function check(value: string, pattern: RegExp, what: string, example: string): string {
  if (!pattern.test(value)) throw new UsageError(`invalid ${what} '${value}'`, { hint: `expected something like ${example}` });
  return value;
}

export const validateEmail = (value: string): string => check(value.trim(), EMAIL, 'e-mail address', 'admin@example.com');
export const validateRegion = (value: string): string => check(value, REGION, 'region', 'us-east-1');
export const validateUserPoolId = (value: string): string => check(value, USER_POOL_ID, 'user pool ID', 'us-east-1_AbC123xyz');
export const validateClientId = (value: string): string => check(value, CLIENT_ID, 'app client ID', '1example23456789abcdefghij');
export const validateIdentityPoolId = (value: string): string =>
  check(value, IDENTITY_POOL_ID, 'identity pool ID', 'us-east-1:11111111-2222-3333-4444-555555555555');
/**
 * A role ARN's shape, and its name's 64-character limit, which the pattern (path and name together,
 * up to 512) cannot express: caught here, IAM never sees it mid-setup after other writes.
 */
export function validateRoleArn(value: string): string {
  const arn = check(value, ROLE_ARN, 'IAM role ARN', 'arn:aws:iam::123456789012:role/mmbatch-cognito-authenticated');
  if (arn.length - arn.lastIndexOf('/') - 1 > 64) throw new UsageError(`invalid IAM role ARN '${value}': the role name is longer than 64 characters`);
  return arn;
}
export const validateGroupName = (value: string): string => check(value, GROUP_NAME, 'group name', 'admin');

export function validateName(value: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,39}$/.test(value)) {
    throw new UsageError(`invalid name '${value}'`, {
      hint: 'use 1-40 letters, digits, spaces, dots, hyphens or underscores, starting with a letter or digit',
    });
  }
  return value;
}

export function validateUrl(value: string, what = 'URL', example = 'https://mmbatch.example.com:8081'): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`invalid ${what} '${value}'`, { hint: `expected something like ${example}` });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`invalid ${what} '${value}': only http and https are supported`);
  }
  // A password in a URL ends up in settings files, --json output and shell history: refused, and never echoed.
  if (url.username || url.password) {
    const shown = `${url.protocol}//***@${url.host}${url.pathname === '/' ? '' : url.pathname}`;
    throw new UsageError(`invalid ${what} '${shown}': a URL may not carry a user name or password`, {
      hint: 'give the URL without them; passwords come from stdin or the environment, never from a URL',
    });
  }
  return value.replace(/\/+$/, '');
}

/** --server, MMBATCH_SERVER. */
export const validateServerUrl = (value: string): string => validateUrl(value, 'server URL');

/** --endpoint-url, AWS_ENDPOINT_URL(_<SERVICE>): checked here, not deep inside the SDK (a TypeError there). */
export const validateEndpointUrl = (value: string, what = 'endpoint URL'): string => validateUrl(value, what, 'http://localhost:4566');

export function validateAuthFlows(value: string): string[] {
  const flows = value
    .split(',')
    .map((flow) => flow.trim().toUpperCase())
    .filter(Boolean)
    .map((flow) => (flow.startsWith('ALLOW_') ? flow : `ALLOW_${flow}`));
  if (flows.length === 0) throw new UsageError('--auth-flows needs at least one flow');
  for (const flow of flows) {
    if (!(AUTH_FLOWS as readonly string[]).includes(flow)) {
      throw new UsageError(`unknown auth flow '${flow}'`, { hint: `choose from ${AUTH_FLOWS.join(', ')}` });
    }
  }
  // The refresh-token flow is what keeps `login` useful; Cognito requires it in every client anyway.
  if (!flows.includes('ALLOW_REFRESH_TOKEN_AUTH')) flows.push('ALLOW_REFRESH_TOKEN_AUTH');
  return [...new Set(flows)];
}

/** The part of the pool ID before `_` is its region on AWS (not on emulators, which may say `local`). */
export function regionOfUserPoolId(userPoolId: string): string | undefined {
  const prefix = userPoolId.split('_')[0];
  return REGION.test(prefix) ? prefix : undefined;
}

/** --role-policy: an IAM policy document (JSON with a Statement), read and checked before any call. */
export function readPolicyFile(file: string): { Version?: string; Statement: unknown } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read the policy file '${file}'`);
  }
  try {
    const policy = JSON.parse(text) as { Statement?: unknown };
    if (!policy || typeof policy !== 'object' || !policy.Statement) throw new Error('no Statement');
    return policy as { Version?: string; Statement: unknown };
  } catch {
    throw new UsageError(`'${file}' is not an IAM policy document (JSON with a Statement)`);
  }
}
