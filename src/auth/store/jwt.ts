// A Cognito token checked before it is printed from the cache: its RS256 signature against the
// pool's kept JWKS, its issuer, its client, what it is for, and its expiry. A token that fails any
// of these is a cache miss, never an error: the full CLI renews it.
//
// Neither aws-jwt-verify nor node:crypto: both load node:crypto, which alone costs the cached-token
// path 5-7 ms of its ~35 ms (the library more, for its module graph); rs256.ts does the one check
// we need (RS256 against a kept JWKS) in well under a millisecond. Figures in docs/security.md.
import type { JwksRecord } from './jwks.js';
import { verifyRs256 } from './rs256.js';

export interface ExpectedToken {
  issuer: string;
  clientId: string;
  use: 'access' | 'id';
  /** Epoch ms. */
  now: number;
}

function part(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A token's header and claims, unverified: what the checks below read (and the issuer, to find its JWKS). */
export interface ParsedToken {
  headerText: string;
  payloadText: string;
  signature: string;
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

export function parseToken(token: unknown): ParsedToken | undefined {
  if (typeof token !== 'string') return undefined;
  const pieces = token.split('.');
  if (pieces.length !== 3) return undefined;
  const [headerText, payloadText, signature] = pieces;
  const header = part(headerText);
  const claims = part(payloadText);
  return header && claims ? { headerText, payloadText, signature, header, claims } : undefined;
}

/** True when the token is the pool's, for this client and use, signed by a key in the JWKS, and not expired. */
export function verifyCognitoToken(token: string | ParsedToken, jwks: JwksRecord, expected: ExpectedToken): boolean {
  const parsed = typeof token === 'string' ? parseToken(token) : token;
  if (!parsed) return false;
  const { headerText, payloadText, signature, header, claims } = parsed;
  if (header.alg !== 'RS256' || typeof header.kid !== 'string') return false;
  const jwk = jwks.keys.find((key) => key.kid === header.kid && key.kty === 'RSA');
  if (!jwk || (jwk.alg && jwk.alg !== 'RS256') || (jwk.use && jwk.use !== 'sig')) return false;
  if (typeof jwk.n !== 'string' || typeof jwk.e !== 'string') return false;
  if (!verifyRs256(Buffer.from(`${headerText}.${payloadText}`), Buffer.from(signature, 'base64url'), jwk.n, jwk.e)) return false;
  if (claims.iss !== jwks.issuer || claims.iss !== expected.issuer) return false;
  if (claims.token_use !== expected.use) return false;
  // An access token names its client in client_id, an ID token in aud.
  if ((expected.use === 'access' ? claims.client_id : claims.aud) !== expected.clientId) return false;
  return typeof claims.exp === 'number' && claims.exp * 1000 > expected.now;
}
