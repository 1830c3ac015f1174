// `iam-policy [commands...]`: the least IAM policy the named commands need.
import { defineCommand, options, type OptionsOf } from '../define.js';

const policyOptions = options({});
const policyArgs = [{ name: 'commands', variadic: true, description: 'the commands to cover (default: all)' }] as const;

export type IamPolicyOptions = OptionsOf<{ options: typeof policyOptions; args: typeof policyArgs }>;

export const iamPolicy = defineCommand({
  name: 'iam-policy',
  description: 'the least IAM policy the named commands need',
  examples: ['mmbatch-auth iam-policy', 'mmbatch-auth iam-policy setup status teardown > policy.json'],
  options: policyOptions,
  args: policyArgs,
  load: () => import('./run.js').then((m) => m.run),
});
