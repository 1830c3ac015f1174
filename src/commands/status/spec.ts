// `status`: the audit of what setup manages.
import { defineCommand, options, type OptionsOf } from '../define.js';
import { NAME_OPTION, SERVER_OPTIONS } from '../shared.js';

const statusOptions = options({
  ...NAME_OPTION,
  ...SERVER_OPTIONS,
  fix: { flag: '--fix', description: 'repair what drifted, as setup would with the recorded inputs' },
  passwordStdin: { flag: '--password-stdin', description: "with --fix, when the server must be switched: the admin's password from stdin (else MMBATCH_AUTH_PASSWORD, a prompt)" },
});

export type StatusOptions = OptionsOf<{ options: typeof statusOptions }>;

export const status = defineCommand({
  name: 'status',
  description: 'audit: what exists, what drifted, what is missing (exit 5 if anything is)',
  examples: ['mmbatch-auth status', 'mmbatch-auth status --json --name staging', 'mmbatch-auth status || mmbatch-auth status --fix --yes'],
  options: statusOptions,
  load: () => import('./run.js').then((m) => m.run),
});
