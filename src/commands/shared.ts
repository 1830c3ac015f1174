// The options many commands share, defined once: the global options (every command), the setup
// name, the server's address and TLS, the user pool and app client, the sign-in's user and secrets.
import { options, type OptionsOf } from './define.js';
import { FLOW_CHOICES } from '../auth/flows/table.js';
import { UsageError } from '../errors.js';

export const GLOBAL_OPTIONS = options({
  region: { flag: '--region', value: '<region>', description: 'AWS region (else AWS_REGION, AWS_DEFAULT_REGION, the profile)' },
  profile: { flag: '--profile', value: '<profile>', description: 'AWS shared-config profile (else AWS_PROFILE)' },
  endpointUrl: { flag: '--endpoint-url', value: '<url>', description: 'send every AWS call there (emulators)' },
  config: { flag: '--config', value: '<file>', file: true, description: 'the settings file (else MMBATCH_AUTH_CONFIG)' },
  json: { flag: '--json', description: 'stdout carries exactly one JSON document' },
  yes: { flag: '--yes', short: '-y', description: 'never prompt; a missing value is an error naming its flag' },
  dryRun: { flag: '--dry-run', description: 'print the plan, change nothing' },
  verbose: { flag: '--verbose', description: 'each AWS and server call on stderr, secrets redacted' },
  color: { flag: '--no-color', negate: true, description: 'plain output (NO_COLOR is honoured too)' },
});

export type GlobalOptions = OptionsOf<{ options: typeof GLOBAL_OPTIONS }>;

/** Every command that reads the settings file takes --name: it selects that setup's record. */
export const NAME_OPTION = options({
  name: { flag: '--name', value: '<name>', description: 'the setup to work on (else MMBATCH_AUTH_NAME, the default set by `use`, the only one, mmbatch)' },
});

export const SERVER_OPTIONS = options({
  server: { flag: '--server', value: '<url>', description: 'the MMBatch server (else MMBATCH_SERVER, the settings file)' },
  caCert: { flag: '--ca-cert', value: '<file>', file: true, description: "the server's CA certificate (PEM), for its self-signed HTTPS" },
  insecure: { flag: '--insecure', description: 'do not verify the server certificate (warns; never the default)' },
});

export const USER_POOL_OPTION = options({
  userPoolId: { flag: '--user-pool-id', value: '<id>', description: 'the user pool (else the settings file)' },
});

export const APP_CLIENT_OPTION = options({
  clientId: { flag: '--client-id', value: '<id>', description: 'the app client (else the settings file)' },
});

/** Who signs in and how, for `token` and `login`. */
export const SIGN_IN_OPTIONS = options({
  ...NAME_OPTION,
  ...USER_POOL_OPTION,
  ...APP_CLIENT_OPTION,
  ...SERVER_OPTIONS,
  username: { flag: '--username', value: '<user>', description: 'the user (else MMBATCH_AUTH_USERNAME, the settings file)' },
  passwordStdin: { flag: '--password-stdin', description: 'read the password from stdin (else MMBATCH_AUTH_PASSWORD, a prompt)' },
  newPasswordStdin: { flag: '--new-password-stdin', description: 'on a first sign-in, read the new password from stdin' },
  mfaCodeStdin: { flag: '--mfa-code-stdin', description: 'read the one-time code from stdin, when MFA is on (else MMBATCH_AUTH_MFA_CODE, a prompt)' },
  flow: { flag: '--flow', value: '<flow>', choices: FLOW_CHOICES, default: 'auto', description: 'how to sign in' },
});


/** For what the contract names and this release only parses: exit 2, one line. */
export function notImplemented(what: string): UsageError {
  return new UsageError(`${what} is not implemented yet`);
}
