// A Cognito token checked before it is printed from the cache: its RS256 signature against the
// pool's kept JWKS, its issuer, its client, what it is for, and its expiry. A token that fails any
// of these is a cache miss, never an error: the full CLI renews it.
//
// node:crypto (createPublicKey from the JWK, then verify) rather than aws-jwt-verify: the same
// checks for our one case (RS256, a kept JWKS), and on the cached-token path the library's module
// graph cost several times what node:crypto does (figures in docs/security.md).
import { createPublicKey, verify } from 'node:crypto';
import type { JwksRecord } from './jwks.js';

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

/** True when the token is the pool's, for this client and use, signed by a key in the JWKS, and not expired. */
export function verifyCognitoToken(token: string, jwks: JwksRecord, expected: ExpectedToken): boolean {
  const pieces = token.split('.');
  if (pieces.length !== 3) return false;
  const [headerText, payloadText, signature] = pieces;
  const header = part(headerText);
  const claims = part(payloadText);
  if (!header || !claims || header.alg !== 'RS256' || typeof header.kid !== 'string') return false;
  const jwk = jwks.keys.find((key) => key.kid === header.kid && key.kty === 'RSA');
  if (!jwk || (jwk.alg && jwk.alg !== 'RS256') || (jwk.use && jwk.use !== 'sig')) return false;
  let signed: boolean;
  try {
    const key = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' });
    signed = verify('RSA-SHA256', Buffer.from(`${headerText}.${payloadText}`), key, Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
  if (!signed) return false;
  if (claims.iss !== jwks.issuer || claims.iss !== expected.issuer) return false;
  if (claims.token_use !== expected.use) return false;
  // An access token names its client in client_id, an ID token in aud.
  if ((expected.use === 'access' ? claims.client_id : claims.aud) !== expected.clientId) return false;
  return typeof claims.exp === 'number' && claims.exp * 1000 > expected.now;
}
