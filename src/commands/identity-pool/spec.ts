// `identity-pool create|show`: the identity pool (authenticated access only) and its IAM role.
import { defineCommand, defineGroup, options, type OptionsOf } from '../define.js';
import { APP_CLIENT_OPTION, NAME_OPTION, USER_POOL_OPTION } from '../shared.js';

const createOptions = options({
  ...NAME_OPTION,
  ...USER_POOL_OPTION,
  ...APP_CLIENT_OPTION,
  roleArn: { flag: '--role-arn', value: '<arn>', description: 'reuse this IAM role' },
  rolePolicy: { flag: '--role-policy', value: '<file>', file: true, description: 'an inline IAM policy (JSON) for the role' },
});
const showOptions = options({
  identityPoolId: { flag: '--identity-pool-id', value: '<id>', description: 'the identity pool (else the settings file)' },
  ...NAME_OPTION,
});

export type IdentityPoolCreateOptions = OptionsOf<{ options: typeof createOptions }>;
export type IdentityPoolShowOptions = OptionsOf<{ options: typeof showOptions }>;

export const identityPool = defineGroup({
  name: 'identity-pool',
  description: 'the identity pool (authenticated only) and its IAM role',
  examples: ['mmbatch-auth identity-pool create', 'mmbatch-auth identity-pool show --json'],
  commands: [
    defineCommand({
      name: 'create',
      description: 'create or repair the identity pool and its role',
      examples: ['mmbatch-auth identity-pool create', 'mmbatch-auth identity-pool create --role-arn arn:aws:iam::123456789012:role/mmbatch-users --dry-run'],
      options: createOptions,
      load: () => import('./run.js').then((m) => m.create),
    }),
    defineCommand({
      name: 'show',
      description: 'show the identity pool and its role',
      examples: ['mmbatch-auth identity-pool show', 'mmbatch-auth identity-pool show --identity-pool-id us-east-1:11111111-2222-3333-4444-555555555555 --json'],
      options: showOptions,
      load: () => import('./run.js').then((m) => m.show),
    }),
  ],
});
