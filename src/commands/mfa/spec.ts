// `mfa enroll|status|disable`: TOTP for a user.
import { defineCommand, defineGroup, options, type OptionsOf } from '../define.js';
import { APP_CLIENT_OPTION, NAME_OPTION, SERVER_OPTIONS, USER_POOL_OPTION } from '../shared.js';
import { FLOW_CHOICES } from '../../auth/flows/table.js';

const mfaOptions = options({
  ...NAME_OPTION,
  ...USER_POOL_OPTION,
  ...APP_CLIENT_OPTION,
  ...SERVER_OPTIONS,
  username: { flag: '--username', value: '<user>', description: 'the user (else MMBATCH_AUTH_USERNAME, the settings file)' },
  passwordStdin: { flag: '--password-stdin', description: "read the user's password from stdin (else MMBATCH_AUTH_PASSWORD, a prompt)" },
  mfaCodeStdin: { flag: '--mfa-code-stdin', description: 'the sign-in asks for a one-time code (TOTP on already): read it from stdin (else MMBATCH_AUTH_MFA_CODE, a prompt)' },
  firstCodeStdin: { flag: '--first-code-stdin', description: "enroll: the new app's first code, from stdin, finishing what `mfa enroll` without a terminal started" },
  flow: { flag: '--flow', value: '<flow>', choices: FLOW_CHOICES, default: 'auto', description: 'how to sign in' },
});

export type MfaOptions = OptionsOf<{ options: typeof mfaOptions }>;

const EXAMPLES = {
  enroll: [
    'mmbatch-auth mfa enroll --username alice@example.com',
    'mmbatch-auth mfa enroll --json --username ci@example.com',
    "printf '%s' \"$CODE\" | mmbatch-auth mfa enroll --first-code-stdin --username ci@example.com",
  ],
  status: ['mmbatch-auth mfa status', 'mmbatch-auth mfa status --username alice@example.com --json'],
  disable: ['mmbatch-auth mfa disable', 'mmbatch-auth mfa disable --yes --username alice@example.com'],
} as const;

const verb = (name: 'enroll' | 'status' | 'disable', description: string) =>
  defineCommand({
    name,
    description,
    examples: EXAMPLES[name],
    options: mfaOptions,
    load: () => import('./run.js').then((m) => m[name]),
  });

export const mfa = defineGroup({
  name: 'mfa',
  description: 'TOTP for a user: QR code on a TTY, otpauth:// URI otherwise',
  examples: ['mmbatch-auth mfa enroll --username alice@example.com', 'mmbatch-auth mfa status'],
  commands: [verb('enroll', "enroll the user's authenticator app"), verb('status', "show the user's MFA"), verb('disable', "turn the user's TOTP off")],
});
