// Access tokens as Cognito's user-side operations check them (GetUser, AssociateSoftwareToken, SetUserMFAPreference,
// ...): signed by the pool's key, not expired, an access token. cognito-local only decodes them.
import { decodeJwt, epochSeconds, hasValidRs256Signature } from '../jwt.mjs';
import { AwsError } from './wire-errors.mjs';

/** @param {import('./sign-in-rules.mjs').CognitoLocal} cognitoLocal */
export function createAccessTokens(cognitoLocal) {
  /** @type {Map<string, import('../jwt.mjs').Jwks>} cognito-local signs every pool's tokens with one key */
  const jwksByPool = new Map();

  /** @param {string} poolId */
  async function jwksOf(poolId) {
    let jwks = jwksByPool.get(poolId);
    if (!jwks) {
      const { status, body } = await cognitoLocal.get(`/${poolId}/.well-known/jwks.json`);
      if (status !== 200) return undefined;
      jwks = JSON.parse(body);
      jwksByPool.set(poolId, /** @type {import('../jwt.mjs').Jwks} */ (jwks));
    }
    return jwks;
  }

  return {
    /**
     * The token's claims and pool, or NotAuthorizedException in Cognito's words.
     * @param {unknown} token @returns {Promise<{ claims: Record<string, any>, poolId: string }>}
     */
    async verify(token) {
      const jwt = decodeJwt(token);
      const poolId = typeof jwt?.claims.iss === 'string' ? jwt.claims.iss.split('/').pop() ?? '' : '';
      if (!jwt || jwt.claims.token_use !== 'access' || !poolId || !hasValidRs256Signature(jwt, await jwksOf(poolId))) {
        throw new AwsError('NotAuthorizedException', 'Invalid Access Token');
      }
      if (typeof jwt.claims.exp !== 'number' || epochSeconds() >= jwt.claims.exp) throw new AwsError('NotAuthorizedException', 'Access Token has expired');
      return { claims: jwt.claims, poolId };
    },
  };
}

/** @typedef {ReturnType<typeof createAccessTokens>} AccessTokens */
