// `aws-credentials`: the identity pool's temporary AWS credentials, as credential_process JSON.
import { defineCommand, options, type OptionsOf } from '../define.js';
import { NAME_OPTION } from '../shared.js';

const credentialsOptions = options({
  ...NAME_OPTION,
  export: { flag: '--export', description: 'print `export AWS_...=...` lines for a shell instead' },
  printProfile: { flag: '--print-profile', value: '<profile>', description: 'print an AWS config profile that runs this command as its credential_process' },
});

export type AwsCredentialsOptions = OptionsOf<{ options: typeof credentialsOptions }>;

export const awsCredentials = defineCommand({
  name: 'aws-credentials',
  description: "the identity pool's temporary AWS credentials, as credential_process JSON",
  examples: ['mmbatch-auth aws-credentials', 'eval "$(mmbatch-auth aws-credentials --export)"', 'mmbatch-auth aws-credentials --print-profile mmbatch >> ~/.aws/config'],
  options: credentialsOptions,
  load: () => import('./run.js').then((m) => m.run),
});
