// Which setup a command works on: --name, else MMBATCH_AUTH_NAME, else the default `use` set, else
// the settings file's only record, else "mmbatch". With several records and none of those, a
// command that needs one lists them and stops (exit 2) rather than guess: a guess could repair, or
// tear down, another setup.
import { UsageError } from '../errors.js';
import { validateName } from '../validate.js';
import type { SettingsDocument } from './settings.js';

export const DEFAULT_SETUP_NAME = 'mmbatch';

export type NameSource = 'flag' | 'env' | 'default' | 'only' | 'fallback';

export interface SelectedName {
  name: string;
  source: NameSource;
}

export function selectSetupName(document: SettingsDocument, flag: string | undefined, env: NodeJS.ProcessEnv, path: string): SelectedName {
  if (flag !== undefined) return { name: validateName(flag), source: 'flag' };
  if (env.MMBATCH_AUTH_NAME) return { name: validateName(env.MMBATCH_AUTH_NAME), source: 'env' };
  const names = Object.keys(document.setups).sort();
  if (document.default && names.includes(document.default)) return { name: document.default, source: 'default' };
  if (names.length === 1) return { name: names[0], source: 'only' };
  if (names.length === 0) return { name: DEFAULT_SETUP_NAME, source: 'fallback' };
  throw new UsageError(`${path} holds ${names.length} setups (${names.join(', ')}): say which`, {
    hint: `pass --name <name> (or set MMBATCH_AUTH_NAME), or make one the default: mmbatch-auth use ${names[0]}`,
  });
}
