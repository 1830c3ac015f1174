// What a server's GET /api/v1/security/cognito said last time, kept next to the token cache so the
// fast path can find a script's cached token from MMBATCH_SERVER alone, without an HTTP call.
// Every full run asks the server again and rewrites it; an answer that came over plain http:// or
// --insecure is pinned (trust on first use, as ssh does with host keys): target.ts refuses a later
// answer naming another pool until the user confirms.
import { join } from 'node:path';
import { readCacheFile, writeCacheFile } from './cacheFolder.js';
import { cacheDir } from '../../config/paths.js';
import { fileNameDigest } from './fileNameDigest.js';
import type { DiscoveredTarget } from '../target.js';

interface DiscoveryRecord extends DiscoveredTarget {
  serverUrl: string;
  /**
   * The answer came over a connection that proves nothing (plain http://, or --insecure), and was
   * trusted on first use: a later answer naming another pool is refused until the user confirms.
   */
  pinned?: boolean;
}

export interface RememberedDiscovery extends DiscoveredTarget {
  pinned: boolean;
}

export function discoveryFile(env: NodeJS.ProcessEnv, serverUrl: string): string {
  return join(cacheDir(env), `server-${fileNameDigest(serverUrl)}.json`);
}

export function readDiscovery(env: NodeJS.ProcessEnv, serverUrl: string): RememberedDiscovery | undefined {
  const text = readCacheFile(env, discoveryFile(env, serverUrl));
  if (!text) return undefined;
  try {
    const record = JSON.parse(text) as DiscoveryRecord;
    if (record.serverUrl !== serverUrl || typeof record.userPoolId !== 'string' || typeof record.clientId !== 'string') {
      return undefined;
    }
    return {
      region: record.region,
      userPoolId: record.userPoolId,
      clientId: record.clientId,
      ...(typeof record.identityPoolId === 'string' ? { identityPoolId: record.identityPoolId } : {}),
      pinned: record.pinned === true,
    };
  } catch {
    return undefined; // damaged: a miss, never an error
  }
}

export function writeDiscovery(env: NodeJS.ProcessEnv, serverUrl: string, found: DiscoveredTarget, pinned = false): void {
  const record: DiscoveryRecord = { serverUrl, region: found.region, userPoolId: found.userPoolId, clientId: found.clientId, identityPoolId: found.identityPoolId, ...(pinned ? { pinned } : {}) };
  writeCacheFile(env, discoveryFile(env, serverUrl), `${JSON.stringify(record)}\n`);
}
