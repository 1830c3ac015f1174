// `setup`: the whole walkthrough, in order, idempotently; also adopts a setup made by hand.
import { defineCommand, options, type OptionsOf } from '../define.js';
import { APP_CLIENT_OPTION, NAME_OPTION, SERVER_OPTIONS, USER_POOL_OPTION } from '../shared.js';

const setupOptions = options({
  name: { ...NAME_OPTION.name, description: 'the setup, and the base of every resource name (default: mmbatch)' },
  adminEmail: { flag: '--admin-email', value: '<email>', description: 'the first admin user' },
  adminPasswordStdin: { flag: '--admin-password-stdin', description: "read the admin's password from stdin (else MMBATCH_AUTH_PASSWORD)" },
  adminGroup: { flag: '--admin-group', value: '<group>', description: "the admin group (the server's adminGroups; default: admin)" },
  authFlows: { flag: '--auth-flows', value: '<list>', description: "the client's auth flows, comma-separated" },
  roleArn: { flag: '--role-arn', value: '<arn>', description: 'reuse this IAM role instead of creating one' },
  rolePolicy: { flag: '--role-policy', value: '<file>', file: true, description: 'an IAM policy (JSON) to attach inline to the role' },
  ...USER_POOL_OPTION,
  userPoolId: { ...USER_POOL_OPTION.userPoolId, description: 'adopt this existing user pool' },
  ...APP_CLIENT_OPTION,
  clientId: { ...APP_CLIENT_OPTION.clientId, description: 'adopt this existing app client' },
  identityPoolId: { flag: '--identity-pool-id', value: '<id>', description: 'adopt this existing identity pool' },
  mfa: { flag: '--mfa', value: '<mode>', choices: ['required', 'optional', 'off'], description: "the user pool's MFA (default: optional)" },
  threatProtection: { flag: '--threat-protection', value: '<mode>', choices: ['audit', 'enforce'], description: 'Cognito threat protection (costs money: the Plus feature plan)' },
  ...SERVER_OPTIONS,
  trustFingerprint: { flag: '--trust-fingerprint', value: '<sha256>', description: "trust the server's certificate with this SHA-256 fingerprint" },
});

export type SetupOptions = OptionsOf<{ options: typeof setupOptions }>;

export const setup = defineCommand({
  name: 'setup',
  description: 'the whole walkthrough, in order, idempotently',
  examples: [
    'mmbatch-auth setup --region us-east-1 --server https://mmbatch.example.com:8081 --ca-cert ./mmbatch-server.crt',
    "printf '%s' \"$ADMIN_PASSWORD\" | mmbatch-auth setup --yes --json --admin-email ops@example.com --admin-password-stdin",
    'mmbatch-auth setup --dry-run --name staging',
  ],
  options: setupOptions,
  load: () => import('./run.js').then((m) => m.run),
});
