// The one read of the settings file on the fast path: the pool, client, region, server and admin
// of the setup `--name` (or MMBATCH_AUTH_NAME) selects. Kept apart so the settings file's format
// (one record per setup name) changes here only. Never throws: undefined means "let the full CLI
// decide" (an unreadable or unexpected file, a name this file does not hold).
import { readFileIfExists } from '../atomicFile.js';
import { settingsPath } from '../paths.js';
import type { RecordedTarget } from '../auth/target.js';

export function recordedTarget(config: string | undefined, name: string | undefined, env: NodeJS.ProcessEnv): RecordedTarget | undefined {
  try {
    const text = readFileIfExists(settingsPath(config, env));
    if (text === undefined) return name === undefined ? {} : undefined;
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    const record = parsed as Record<string, unknown>;
    const field = (key: string) => (typeof record[key] === 'string' ? (record[key] as string) : undefined);
    // Today's file holds one setup: a name that is not its own is another setup's, for the full CLI.
    if (name !== undefined && name !== (field('name') ?? 'mmbatch')) return undefined;
    return {
      region: field('region'),
      userPoolId: field('userPoolId'),
      clientId: field('clientId'),
      serverUrl: field('serverUrl'),
      adminUsername: field('adminUsername'),
    };
  } catch {
    return undefined;
  }
}
