// Compact JWTs as Cognito issues them (RS256, a `kid` naming a key of the issuer's JWKS), read and checked with
// node:crypto alone. Shared by the gateway (access tokens) and the Cognito Identity emulator (ID tokens).
import { createPublicKey, verify } from 'node:crypto';

/**
 * @typedef {{ header: Record<string, any>, claims: Record<string, any>, signingInput: string, signature: Buffer }} DecodedJwt
 * @typedef {{ keys: Array<Record<string, any>> }} Jwks
 */

/** The token's parts, or undefined when it is not a JWT at all. @param {unknown} token @returns {DecodedJwt | undefined} */
export function decodeJwt(token) {
  if (typeof token !== 'string') return undefined;
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    if (!isObject(header) || !isObject(claims)) return undefined;
    return { header, claims, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2], 'base64url') };
  } catch {
    return undefined;
  }
}

/**
 * Whether the token is RS256-signed by the key of `jwks` its header names.
 * @param {DecodedJwt} jwt @param {Jwks | undefined} jwks
 */
export function hasValidRs256Signature(jwt, jwks) {
  if (jwt.header.alg !== 'RS256' || typeof jwt.header.kid !== 'string') return false;
  const jwk = jwks?.keys?.find((key) => key.kid === jwt.header.kid);
  if (!jwk) return false;
  try {
    return verify('RSA-SHA256', Buffer.from(jwt.signingInput), createPublicKey({ key: /** @type {any} */ (jwk), format: 'jwk' }), jwt.signature);
  } catch {
    return false;
  }
}

/** Seconds since the epoch, the unit of `exp` and `iat`. */
export const epochSeconds = () => Math.floor(Date.now() / 1000);

/** @param {unknown} value @returns {value is Record<string, any>} */
function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
