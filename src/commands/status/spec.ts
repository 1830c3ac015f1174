// `status`: the audit of what setup manages.
import { defineCommand, options, type OptionsOf } from '../define.js';
import { NAME_OPTION, SERVER_OPTIONS } from '../shared.js';

const statusOptions = options({
  ...NAME_OPTION,
  ...SERVER_OPTIONS,
  fix: { flag: '--fix', description: 'repair what drifted (as setup would)' },
});

export type StatusOptions = OptionsOf<{ options: typeof statusOptions }>;

export const status = defineCommand({
  name: 'status',
  description: 'audit: what exists, what drifted, what is missing (exit 5 if anything is)',
  examples: ['mmbatch-auth status', 'mmbatch-auth status --json --name staging', 'mmbatch-auth status || mmbatch-auth setup --yes'],
  options: statusOptions,
  load: () => import('./run.js').then((m) => m.run),
});
