// src/auth/store/: what sign-ins keep on disk: tokens (their shape), this token cache, the
// discovery cache, and the cache file names.
// Cached tokens, one file per (pool, client, user), 0600 in a 0700 folder under
// $XDG_CACHE_HOME/mmbatch-auth. This module stays free of the AWS SDK: the cached `token` path
// loads nothing else.
import { join } from 'node:path';
import { readdirSync, unlinkSync } from 'node:fs';
import { readCacheFile, writeCacheFile } from './cacheFolder.js';
import { cacheDir } from '../../config/paths.js';
import { fileNameDigest } from './fileNameDigest.js';
import type { Tokens } from './tokens.js';
import { expectedIssuers, readJwks } from './jwks.js';
import { parseToken, verifyCognitoToken } from './jwt.js';

export interface CacheKey {
  region: string;
  userPoolId: string;
  clientId: string;
  username: string;
}

export interface CachedTokens extends Tokens, CacheKey {}

/** Tokens are treated as expired this long before they are, so a script never gets one about to lapse. */
export const EXPIRY_MARGIN_MS = 60_000;

export function cacheFile(env: NodeJS.ProcessEnv, key: CacheKey): string {
  const digest = fileNameDigest([key.region, key.userPoolId, key.clientId, key.username.toLowerCase()].join('\n'));
  return join(cacheDir(env), `token-${digest}.json`);
}

export function readCachedTokens(env: NodeJS.ProcessEnv, key: CacheKey): CachedTokens | undefined {
  const text = readCacheFile(env, cacheFile(env, key));
  if (!text) return undefined;
  try {
    const cached = JSON.parse(text) as CachedTokens;
    if (typeof cached.accessToken !== 'string' || typeof cached.expiresAt !== 'number') return undefined;
    // The file name is a digest of the key; the record must say the same (a copied or stale file is a miss).
    if (cached.userPoolId !== key.userPoolId || cached.clientId !== key.clientId || cached.region !== key.region) return undefined;
    return cached;
  } catch {
    return undefined; // a damaged cache is a cache miss, never an error
  }
}

/**
 * Every cached sign-in to one pool and client, whoever the user (setup looks for any admin of the
 * pool a server uses now). Each file is read and checked as readCachedTokens does.
 */
export function cachedTokensOfPool(env: NodeJS.ProcessEnv, pool: Omit<CacheKey, 'username'>): CachedTokens[] {
  let names: string[];
  try {
    names = readdirSync(cacheDir(env)).filter((name) => /^token-[0-9a-f]{16}\.json$/.test(name));
  } catch {
    return [];
  }
  const found: CachedTokens[] = [];
  for (const name of names) {
    try {
      // Read with the cache folder's rules (no symlink followed, ours and private), then as its key says.
      const cached = JSON.parse(readCacheFile(env, join(cacheDir(env), name)) ?? '') as CachedTokens;
      if (typeof cached.username !== 'string' || typeof cached.accessToken !== 'string') continue;
      // The file must be where its own key puts it (a copied or planted file is not a login).
      if (cacheFile(env, cached) !== join(cacheDir(env), name)) continue;
      if (cached.userPoolId !== pool.userPoolId || cached.clientId !== pool.clientId || cached.region !== pool.region) continue;
      const checked = readCachedTokens(env, cached);
      if (checked) found.push(checked);
    } catch {
      // a damaged cache file is no login
    }
  }
  return found;
}

export function writeCachedTokens(env: NodeJS.ProcessEnv, key: CacheKey, tokens: Tokens): void {
  const record: CachedTokens = { ...key, ...tokens };
  writeCacheFile(env, cacheFile(env, key), `${JSON.stringify(record)}\n`);
}

export function deleteCachedTokens(env: NodeJS.ProcessEnv, key: CacheKey): boolean {
  try {
    unlinkSync(cacheFile(env, key));
    return true;
  } catch {
    return false;
  }
}

export function isFresh(tokens: Pick<Tokens, 'expiresAt'>, now: number): boolean {
  return tokens.expiresAt - EXPIRY_MARGIN_MS > now;
}

export interface VerifyOptions {
  /** Endpoint URLs the configuration names (jwks.ts configuredEndpoints): their issuers are expected too. */
  endpoints: string[];
  /** Which token will be used: the access token (default), the ID token, or both (`token --json`). */
  use?: 'access' | 'id' | 'both';
}

/**
 * A cached record whose token may be handed out: fresh by its own expiry, and each token to be
 * used verified against the pool's kept JWKS (signature, issuer, client, use, expiry). A file
 * someone edited, copied from another pool or client, or planted is a miss.
 */
export function usableCachedTokens(env: NodeJS.ProcessEnv, cached: CachedTokens | undefined, now: number, options: VerifyOptions): cached is CachedTokens {
  if (!cached || !isFresh(cached, now)) return false;
  const issuers = expectedIssuers(cached.region, cached.userPoolId, options.endpoints);
  const use = options.use ?? 'access';
  const checks: ['access' | 'id', string][] = [];
  if (use !== 'id') checks.push(['access', cached.accessToken]);
  if (use !== 'access') checks.push(['id', cached.idToken]);
  return checks.every(([kind, token]) => {
    const parsed = parseToken(token);
    const issuer = parsed?.claims.iss;
    if (!parsed || typeof issuer !== 'string' || !issuers.includes(issuer)) return false;
    const jwks = readJwks(env, issuer);
    return Boolean(jwks) && verifyCognitoToken(parsed, jwks!, { issuer, clientId: cached.clientId, use: kind, now });
  });
}
