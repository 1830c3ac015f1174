// `login`: sign in once and keep a refresh token.
import { defineCommand, options, type OptionsOf } from '../define.js';
import { SIGN_IN_OPTIONS } from '../shared.js';

const loginOptions = options({ ...SIGN_IN_OPTIONS });

export type LoginOptions = OptionsOf<{ options: typeof loginOptions }>;

export const login = defineCommand({
  name: 'login',
  description: 'sign in once and keep a refresh token',
  examples: ['mmbatch-auth login', 'mmbatch-auth login --server https://mmbatch.example.com:8081 --username alice@example.com'],
  options: loginOptions,
  load: () => import('./run.js').then((m) => m.run),
});
