// The identity pool's temporary AWS credentials, kept until shortly before they expire, one file per
// (identity pool, user pool, client, user), 0600 under the cache folder like the tokens, with the
// identity ID (stable for a user and pool: a renewal skips GetId).
import { readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from '../../config/paths.js';
import { fileNameDigest } from './fileNameDigest.js';
import { readCacheFile, writeCacheFile } from './cacheFolder.js';

export interface AwsCredentialsKey {
  region: string;
  identityPoolId: string;
  userPoolId: string;
  clientId: string;
  username: string;
}

export interface CachedAwsCredentials extends AwsCredentialsKey {
  identityId: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Epoch ms. */
  expiresAt: number;
}

/** Handed out again only while at least this much of their life is left (the AWS CLI asks again for every command). */
export const CREDENTIALS_MARGIN_MS = 5 * 60_000;

function fileOf(env: NodeJS.ProcessEnv, key: AwsCredentialsKey): string {
  const digest = fileNameDigest([key.region, key.identityPoolId, key.userPoolId, key.clientId, key.username.toLowerCase()].join('\n'));
  return join(cacheDir(env), `aws-credentials-${digest}.json`);
}

const sameKey = (a: AwsCredentialsKey, b: AwsCredentialsKey) =>
  a.region === b.region && a.identityPoolId === b.identityPoolId && a.userPoolId === b.userPoolId && a.clientId === b.clientId && a.username.toLowerCase() === b.username.toLowerCase();

/** The kept record (fresh or not: its identity ID still saves a GetId), or undefined. */
export function readAwsCredentials(env: NodeJS.ProcessEnv, key: AwsCredentialsKey): CachedAwsCredentials | undefined {
  const text = readCacheFile(env, fileOf(env, key));
  if (!text) return undefined;
  try {
    const record = JSON.parse(text) as CachedAwsCredentials;
    if (!sameKey(record, key) || typeof record.identityId !== 'string') return undefined;
    return record;
  } catch {
    return undefined;
  }
}

export function credentialsFresh(record: CachedAwsCredentials | undefined, now: number): boolean {
  return Boolean(record && typeof record.accessKeyId === 'string' && typeof record.expiresAt === 'number' && record.expiresAt - CREDENTIALS_MARGIN_MS > now);
}

export function writeAwsCredentials(env: NodeJS.ProcessEnv, record: CachedAwsCredentials): void {
  writeCacheFile(env, fileOf(env, record), `${JSON.stringify(record)}\n`);
}

/**
 * Every kept record of one user pool, whoever the user and whichever identity pool: once the pool
 * is deleted (teardown) they are credentials of identities nobody can sign in as again. File names
 * are digests, so each record is read for its key. Returns how many were removed.
 */
export function deleteAwsCredentialsOfPool(env: NodeJS.ProcessEnv, pool: { userPoolId?: string; identityPoolId?: string }): number {
  let names: string[];
  try {
    names = readdirSync(cacheDir(env)).filter((name) => /^aws-credentials-[0-9a-f]{16}\.json$/.test(name));
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const path = join(cacheDir(env), name);
    try {
      const record = JSON.parse(readCacheFile(env, path) ?? '') as Partial<CachedAwsCredentials>;
      const ofPool = (pool.userPoolId && record.userPoolId === pool.userPoolId) || (pool.identityPoolId && record.identityPoolId === pool.identityPoolId);
      if (!ofPool) continue;
      unlinkSync(path);
      removed += 1;
    } catch {
      // a damaged or vanished file holds no usable credentials
    }
  }
  return removed;
}
