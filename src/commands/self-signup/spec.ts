// `self-signup disable|enable|status`: the pool's self-registration switch, and nothing else.
import { defineCommand, defineGroup, options, type OptionsOf } from '../define.js';
import { NAME_OPTION, USER_POOL_OPTION } from '../shared.js';

const switchOptions = options({ ...NAME_OPTION, ...USER_POOL_OPTION });

export type SelfSignupOptions = OptionsOf<{ options: typeof switchOptions }>;

const verb = (name: 'disable' | 'enable' | 'status', description: string) =>
  defineCommand({
    name,
    description,
    examples: [`mmbatch-auth self-signup ${name}`, `mmbatch-auth self-signup ${name} --user-pool-id us-east-1_AbC123xyz --json`],
    options: switchOptions,
    load: () => import('./run.js').then((m) => m[name]),
  });

export const selfSignup = defineGroup({
  name: 'self-signup',
  description: "the pool's self-registration switch",
  examples: ['mmbatch-auth self-signup status', 'mmbatch-auth self-signup disable --user-pool-id us-east-1_AbC123xyz'],
  commands: [verb('disable', 'disable self-registration'), verb('enable', 'enable self-registration'), verb('status', 'show self-registration')],
});
