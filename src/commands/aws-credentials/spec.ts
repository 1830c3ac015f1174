// `aws-credentials`: the identity pool's temporary AWS credentials, as credential_process JSON.
import { defineCommand, options, type OptionsOf } from '../define.js';
import { SIGN_IN_OPTIONS } from '../shared.js';

const credentialsOptions = options({
  ...SIGN_IN_OPTIONS,
  identityPoolId: { flag: '--identity-pool-id', value: '<id>', description: "the identity pool (else the setup's record, or the server's)" },
  export: { flag: '--export', description: 'print `export AWS_...=...` lines for a shell instead' },
  printProfile: { flag: '--print-profile', value: '<profile>', description: 'print an AWS config profile that runs this command as its credential_process' },
  cache: { flag: '--no-cache', negate: true, description: 'neither read nor write the kept credentials (the sign-in still uses the token cache)' },
});

export type AwsCredentialsOptions = OptionsOf<{ options: typeof credentialsOptions }>;

export const awsCredentials = defineCommand({
  name: 'aws-credentials',
  description: "the identity pool's temporary AWS credentials, as credential_process JSON",
  examples: [
    'mmbatch-auth aws-credentials',
    'eval "$(mmbatch-auth aws-credentials --export)"',
    'mmbatch-auth aws-credentials --print-profile mmbatch >> ~/.aws/config && aws --profile mmbatch s3 ls',
  ],
  options: credentialsOptions,
  load: () => import('./run.js').then((m) => m.run),
});
