// `logout`: revoke the refresh token and forget it.
import { defineCommand, options, type OptionsOf } from '../define.js';
import { APP_CLIENT_OPTION, NAME_OPTION, SERVER_OPTIONS, USER_POOL_OPTION } from '../shared.js';

const logoutOptions = options({
  ...NAME_OPTION,
  ...APP_CLIENT_OPTION,
  ...USER_POOL_OPTION,
  ...SERVER_OPTIONS,
  username: { flag: '--username', value: '<user>', description: 'the user to sign out (else MMBATCH_AUTH_USERNAME, the settings file)' },
});

export type LogoutOptions = OptionsOf<{ options: typeof logoutOptions }>;

export const logout = defineCommand({
  name: 'logout',
  description: 'revoke the refresh token and forget it',
  examples: ['mmbatch-auth logout', 'mmbatch-auth logout --username alice@example.com --json'],
  options: logoutOptions,
  load: () => import('./run.js').then((m) => m.run),
});
