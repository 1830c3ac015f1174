// `mfa enroll|status|disable`: TOTP for a user.
import { defineCommand, defineGroup, options, type OptionsOf } from '../define.js';
import { APP_CLIENT_OPTION, NAME_OPTION, USER_POOL_OPTION } from '../shared.js';

const mfaOptions = options({
  ...NAME_OPTION,
  ...USER_POOL_OPTION,
  ...APP_CLIENT_OPTION,
  username: { flag: '--username', value: '<user>', description: 'the user (else MMBATCH_AUTH_USERNAME, the settings file)' },
  passwordStdin: { flag: '--password-stdin', description: "read the user's password from stdin (else MMBATCH_AUTH_PASSWORD, a prompt)" },
});

export type MfaOptions = OptionsOf<{ options: typeof mfaOptions }>;

const verb = (name: 'enroll' | 'status' | 'disable', description: string) =>
  defineCommand({
    name,
    description,
    examples: [`mmbatch-auth mfa ${name}`, `mmbatch-auth mfa ${name} --username alice@example.com`],
    options: mfaOptions,
    load: () => import('./run.js').then((m) => m[name]),
  });

export const mfa = defineGroup({
  name: 'mfa',
  description: 'TOTP for a user: QR code on a TTY, otpauth:// URI otherwise',
  examples: ['mmbatch-auth mfa enroll --username alice@example.com', 'mmbatch-auth mfa status'],
  commands: [verb('enroll', "enroll the user's authenticator app"), verb('status', "show the user's MFA"), verb('disable', "turn the user's TOTP off")],
});
