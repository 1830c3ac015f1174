// A user pool's signing keys (its JWKS), kept in the cache folder so the cached-token path can
// check a token's signature without a network call. Fetched by the full CLI after a sign-in or a
// refresh, when the cache has no key with the token's `kid` (first use, or Cognito rotated keys),
// from `<issuer>/.well-known/jwks.json`, and only for an issuer this run expects: Cognito's own
// (https://cognito-idp.<region>.amazonaws.com/<pool>) or `<endpoint>/<pool>` for an endpoint the
// configuration names (emulators) — never a URL a token merely claims.
import { join } from 'node:path';
import { cacheDir } from '../../config/paths.js';
import { fileNameDigest } from './fileNameDigest.js';
import { readCacheFile, writeCacheFile } from './cacheFolder.js';

export interface Jwk {
  kid?: string;
  kty?: string;
  alg?: string;
  use?: string;
  n?: string;
  e?: string;
}

export interface JwksRecord {
  issuer: string;
  keys: Jwk[];
  /** Epoch ms. */
  fetchedAt: number;
}

function jwksFile(env: NodeJS.ProcessEnv, issuer: string): string {
  return join(cacheDir(env), `jwks-${fileNameDigest(issuer)}.json`);
}

export function readJwks(env: NodeJS.ProcessEnv, issuer: string): JwksRecord | undefined {
  const text = readCacheFile(env, jwksFile(env, issuer));
  if (!text) return undefined;
  try {
    const record = JSON.parse(text) as JwksRecord;
    return record.issuer === issuer && Array.isArray(record.keys) ? record : undefined;
  } catch {
    return undefined;
  }
}

export function writeJwks(env: NodeJS.ProcessEnv, record: JwksRecord): void {
  writeCacheFile(env, jwksFile(env, record.issuer), `${JSON.stringify(record)}\n`);
}

/** Endpoint URLs the AWS configuration in the environment names for Cognito user pools (the SDK's order). */
export function configuredEndpoints(env: NodeJS.ProcessEnv, flag?: string): string[] {
  const fromEnv = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true' ? [] : [env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, env.AWS_ENDPOINT_URL];
  return [flag, ...fromEnv].filter((url): url is string => Boolean(url));
}

/** The issuers a pool's tokens may name here: Cognito's, and the configured endpoints' (an emulator issues as itself). */
export function expectedIssuers(region: string, userPoolId: string, endpoints: string[]): string[] {
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return [`https://cognito-idp.${region}.${suffix}/${userPoolId}`, ...endpoints.map((url) => `${url.replace(/\/+$/, '')}/${userPoolId}`)];
}
