// `teardown`: delete what setup created, in reverse order, after confirmation.
import { defineCommand, options, type OptionsOf } from '../define.js';
import { NAME_OPTION, SERVER_OPTIONS } from '../shared.js';

const teardownOptions = options({
  ...NAME_OPTION,
  ...SERVER_OPTIONS,
  noServer: { flag: '--no-server', description: 'no MMBatch server uses this setup: delete without asking one' },
  username: { flag: '--username', value: '<user>', description: 'the admin who turns Cognito off on the server first (else the settings file)' },
  passwordStdin: { flag: '--password-stdin', description: "read that admin's password from stdin (else MMBATCH_AUTH_PASSWORD, a cached token, a prompt)" },
});

export type TeardownOptions = OptionsOf<{ options: typeof teardownOptions }>;

export const teardown = defineCommand({
  name: 'teardown',
  description: 'delete what setup created, in reverse order',
  examples: ['mmbatch-auth teardown --dry-run', 'mmbatch-auth teardown --yes --name staging', 'mmbatch-auth teardown --yes --no-server'],
  options: teardownOptions,
  load: () => import('./run.js').then((m) => m.run),
});
