// `user-pool create|show`: the user pool (e-mail sign-in, self-registration off from the start).
import { defineCommand, defineGroup, options, type OptionsOf } from '../define.js';
import { NAME_OPTION, USER_POOL_OPTION } from '../shared.js';

const createOptions = options({ ...NAME_OPTION });
const showOptions = options({ ...NAME_OPTION, ...USER_POOL_OPTION });

export type UserPoolCreateOptions = OptionsOf<{ options: typeof createOptions }>;
export type UserPoolShowOptions = OptionsOf<{ options: typeof showOptions }>;

export const userPool = defineGroup({
  name: 'user-pool',
  description: 'the user pool (e-mail sign-in, self-registration off)',
  examples: ['mmbatch-auth user-pool create --name mmbatch', 'mmbatch-auth user-pool show --json'],
  commands: [
    defineCommand({
      name: 'create',
      description: 'create or repair the user pool',
      examples: ['mmbatch-auth user-pool create', 'mmbatch-auth user-pool create --name staging --dry-run'],
      options: createOptions,
      load: () => import('./run.js').then((m) => m.create),
    }),
    defineCommand({
      name: 'show',
      description: 'show the user pool',
      examples: ['mmbatch-auth user-pool show', 'mmbatch-auth user-pool show --user-pool-id us-east-1_AbC123xyz --json'],
      options: showOptions,
      load: () => import('./run.js').then((m) => m.show),
    }),
  ],
});
