// Where the settings file and the token cache live, following the XDG base-directory spec.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function settingsPath(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  if (flag) return flag;
  if (env.MMBATCH_AUTH_CONFIG) return env.MMBATCH_AUTH_CONFIG;
  const base = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'mmbatch-auth', 'config.json');
}

export function cacheDir(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'mmbatch-auth');
}
