// `app-client create|show`: the SPA app client (no secret).
import { defineCommand, defineGroup, options, type OptionsOf } from '../define.js';
import { APP_CLIENT_OPTION, NAME_OPTION, USER_POOL_OPTION } from '../shared.js';

const createOptions = options({
  ...NAME_OPTION,
  ...USER_POOL_OPTION,
  authFlows: { flag: '--auth-flows', value: '<list>', description: "the client's auth flows, comma-separated" },
});
const showOptions = options({ ...NAME_OPTION, ...USER_POOL_OPTION, ...APP_CLIENT_OPTION });

export type AppClientCreateOptions = OptionsOf<{ options: typeof createOptions }>;
export type AppClientShowOptions = OptionsOf<{ options: typeof showOptions }>;

export const appClient = defineGroup({
  name: 'app-client',
  description: 'the SPA app client (no secret)',
  examples: ['mmbatch-auth app-client create', 'mmbatch-auth app-client show --json'],
  commands: [
    defineCommand({
      name: 'create',
      description: 'create or repair the app client',
      examples: ['mmbatch-auth app-client create', 'mmbatch-auth app-client create --auth-flows USER_SRP_AUTH,REFRESH_TOKEN_AUTH --dry-run'],
      options: createOptions,
      load: () => import('./run.js').then((m) => m.create),
    }),
    defineCommand({
      name: 'show',
      description: 'show the app client',
      examples: ['mmbatch-auth app-client show', 'mmbatch-auth app-client show --user-pool-id us-east-1_AbC123xyz --client-id 1example23456789 --json'],
      options: showOptions,
      load: () => import('./run.js').then((m) => m.show),
    }),
  ],
});
