// What a server's GET /api/v1/security/cognito said last time, kept next to the token cache so the
// fast path can find a script's cached token from MMBATCH_SERVER alone, without an HTTP call.
// Only the fast path trusts it (and only to print a token that is still fresh); every full run asks
// the server again and rewrites it.
import { join } from 'node:path';
import { readCacheFile, writeCacheFile } from './cacheFolder.js';
import { cacheDir } from '../../config/paths.js';
import { fileNameDigest } from './fileNameDigest.js';
import type { DiscoveredTarget } from '../target.js';

interface DiscoveryRecord extends DiscoveredTarget {
  serverUrl: string;
}

export function discoveryFile(env: NodeJS.ProcessEnv, serverUrl: string): string {
  return join(cacheDir(env), `server-${fileNameDigest(serverUrl)}.json`);
}

export function readDiscovery(env: NodeJS.ProcessEnv, serverUrl: string): DiscoveredTarget | undefined {
  const text = readCacheFile(env, discoveryFile(env, serverUrl));
  if (!text) return undefined;
  try {
    const record = JSON.parse(text) as DiscoveryRecord;
    if (record.serverUrl !== serverUrl || typeof record.userPoolId !== 'string' || typeof record.clientId !== 'string') {
      return undefined;
    }
    return { region: record.region, userPoolId: record.userPoolId, clientId: record.clientId, ...(typeof record.identityPoolId === 'string' ? { identityPoolId: record.identityPoolId } : {}) };
  } catch {
    return undefined; // damaged: a miss, never an error
  }
}

export function writeDiscovery(env: NodeJS.ProcessEnv, serverUrl: string, found: DiscoveredTarget): void {
  const record: DiscoveryRecord = { serverUrl, region: found.region, userPoolId: found.userPoolId, clientId: found.clientId, identityPoolId: found.identityPoolId };
  writeCacheFile(env, discoveryFile(env, serverUrl), `${JSON.stringify(record)}\n`);
}
