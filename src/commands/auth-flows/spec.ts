// `auth-flows set|show`: the app client's explicit auth flows.
import { defineCommand, defineGroup, options, type OptionsOf } from '../define.js';
import { APP_CLIENT_OPTION, NAME_OPTION, USER_POOL_OPTION } from '../shared.js';

const clientOptions = options({ ...NAME_OPTION, ...USER_POOL_OPTION, ...APP_CLIENT_OPTION });
const setArgs = [{ name: 'flows', required: true, description: 'comma-separated, e.g. USER_SRP_AUTH,REFRESH_TOKEN_AUTH' }] as const;

export type AuthFlowsSetOptions = OptionsOf<{ options: typeof clientOptions; args: typeof setArgs }>;
export type AuthFlowsShowOptions = OptionsOf<{ options: typeof clientOptions }>;

export const authFlows = defineGroup({
  name: 'auth-flows',
  description: "the client's explicit auth flows",
  examples: ['mmbatch-auth auth-flows show', 'mmbatch-auth auth-flows set USER_SRP_AUTH,REFRESH_TOKEN_AUTH'],
  commands: [
    defineCommand({
      name: 'set',
      description: 'set the auth flows',
      examples: ['mmbatch-auth auth-flows set USER_SRP_AUTH,REFRESH_TOKEN_AUTH', 'mmbatch-auth auth-flows set USER_SRP_AUTH --user-pool-id us-east-1_AbC123xyz --client-id 1example23456789 --dry-run'],
      options: clientOptions,
      args: setArgs,
      load: () => import('./run.js').then((m) => m.set),
    }),
    defineCommand({
      name: 'show',
      description: 'show the auth flows',
      examples: ['mmbatch-auth auth-flows show', 'mmbatch-auth auth-flows show --json'],
      options: clientOptions,
      load: () => import('./run.js').then((m) => m.show),
    }),
  ],
});
