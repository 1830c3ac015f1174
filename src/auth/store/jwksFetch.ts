// Fetching a pool's JWKS for the cache (the full CLI only: the cached-token path never fetches),
// and keeping fresh tokens so that the next run can verify them: the JWKS first, then the tokens.
import type { IncomingMessage } from 'node:http';
import { decodeJwtPayload, type Tokens } from './tokens.js';
import { expectedIssuers, readJwks, writeJwks, type Jwk } from './jwks.js';
import { writeCachedTokens, type CacheKey } from './tokenCache.js';

const FETCH_TIMEOUT_MS = 5_000;

async function getJson(url: URL): Promise<unknown> {
  const { get } = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  return new Promise((resolve, reject) => {
    const request = get(url, { timeout: FETCH_TIMEOUT_MS, headers: { accept: 'application/json' } }, (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        if ((response.statusCode ?? 0) !== 200) return reject(new Error(`HTTP ${response.statusCode}`));
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch {
          reject(new Error('not JSON'));
        }
      });
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${FETCH_TIMEOUT_MS} ms`)));
    request.on('error', reject);
  });
}

/**
 * Makes sure the cache holds the key that signed these tokens: fetched from the issuer's
 * well-known URL when missing, for an expected issuer only. Never fails the run: without the
 * JWKS the cached token is a miss next time, and a refresh renews it.
 */
export async function ensureJwks(env: NodeJS.ProcessEnv, key: CacheKey, tokens: Tokens, endpoints: string[], verbose: (line: string) => void): Promise<void> {
  const kid = headerKid(tokens.accessToken);
  const issuer = decodeJwtPayload(tokens.accessToken)?.iss;
  if (typeof issuer !== 'string' || !expectedIssuers(key.region, key.userPoolId, endpoints).includes(issuer)) {
    verbose(`  the token's issuer ${String(issuer)} is not the pool's: its signing keys are not kept, so the cached token will not be reused`);
    return;
  }
  if (readJwks(env, issuer)?.keys.some((jwk) => jwk.kid === kid)) return;
  try {
    const document = (await getJson(new URL(`${issuer}/.well-known/jwks.json`))) as { keys?: Jwk[] };
    if (!Array.isArray(document.keys)) throw new Error('no keys');
    writeJwks(env, { issuer, keys: document.keys, fetchedAt: Date.now() });
    verbose(`  kept the signing keys of ${issuer}`);
  } catch (error) {
    verbose(`  could not fetch ${issuer}/.well-known/jwks.json (${(error as Error).message}): the cached token will not be reused`);
  }
}

/** Keeps fresh tokens in the cache, after the keys that let the next run verify them. */
export async function keepTokens(env: NodeJS.ProcessEnv, key: CacheKey, tokens: Tokens, endpoints: string[], verbose: (line: string) => void): Promise<void> {
  await ensureJwks(env, key, tokens, endpoints, verbose);
  writeCachedTokens(env, key, tokens);
}

function headerKid(token: string): string | undefined {
  try {
    const header = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8')) as { kid?: unknown };
    return typeof header.kid === 'string' ? header.kid : undefined;
  } catch {
    return undefined;
  }
}
