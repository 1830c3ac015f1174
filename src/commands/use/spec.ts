// `use <name>`: make a setup name the default for later commands.
import { defineCommand, options, type OptionsOf } from '../define.js';

const useOptions = options({});
const useArgs = [{ name: 'name', required: true, description: 'a setup name the settings file holds' }] as const;

export type UseOptions = OptionsOf<{ options: typeof useOptions; args: typeof useArgs }>;

export const use = defineCommand({
  name: 'use',
  description: 'make a setup name the default for later commands',
  examples: ['mmbatch-auth use staging', 'mmbatch-auth use mmbatch --config ./ci-settings.json'],
  options: useOptions,
  args: useArgs,
  load: () => import('./run.js').then((m) => m.run),
});
