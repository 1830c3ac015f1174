// Verifies a Cognito access token as the server does: RS256 signature against the pool's JWKS,
// issuer, expiry, token_use = access, client_id. JWKS are cached per pool (per JWKS URI).
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import {
  FetchError,
  JwksValidationError,
  JwkValidationError,
  JwtExpiredError,
  JwtInvalidIssuerError,
  JwtInvalidSignatureAlgorithmError,
  JwtInvalidSignatureError,
  JwtNotBeforeError,
  JwtParseError,
  JwtWithoutValidKidError,
  KidNotFoundInJwksError,
  WaitPeriodNotYetEndedJwkError,
} from 'aws-jwt-verify/error';
import { JwksFetcher } from './jwks-fetcher.mjs';

/** The token is not acceptable; `message` says why, fit for an API error message. */
export class TokenRejectedError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'TokenRejectedError';
  }
}

/**
 * @typedef {{ region: string, userPoolID: string, clientID: string }} PoolClient
 * @typedef {{ username: string, groups: string[], payload: Record<string, unknown> }} TokenUser
 */

/**
 * @param {unknown} err from aws-jwt-verify
 * @param {{ issuer: string, jwksUri: string }} where
 * @returns {string}
 */
function reasonFor(err, { issuer, jwksUri }) {
  if (err instanceof JwtParseError) return 'token is not a well-formed JWT';
  if (err instanceof JwtExpiredError) return 'token has expired';
  if (err instanceof JwtNotBeforeError) return 'token is not valid yet';
  if (err instanceof JwtInvalidIssuerError) return `token was not issued by ${issuer}`;
  if (err instanceof JwtInvalidSignatureAlgorithmError) return 'token is not signed with RS256';
  if (err instanceof JwtInvalidSignatureError) return 'token signature is invalid';
  if (err instanceof JwtWithoutValidKidError) return 'token header has no key id (kid)';
  if (err instanceof KidNotFoundInJwksError || err instanceof WaitPeriodNotYetEndedJwkError) {
    return "token was not signed by a key of this user pool (kid not in the pool's JWKS)";
  }
  if (err instanceof FetchError || err instanceof JwksValidationError || err instanceof JwkValidationError) {
    return `could not get the user pool's JWKS from ${jwksUri}`;
  }
  return 'token could not be verified';
}

/**
 * @param {{ issuerFor: (region: string, poolId: string) => string,
 *           jwksUriFor: (region: string, poolId: string) => string }} urls
 */
export function createAccessTokenVerifier({ issuerFor, jwksUriFor }) {
  const jwksCache = new SimpleJwksCache({ fetcher: new JwksFetcher() });
  /** @type {Map<string, ReturnType<typeof JwtRsaVerifier.create>>} */
  const verifiers = new Map();

  /** @param {string} issuer @param {string} jwksUri */
  function verifierFor(issuer, jwksUri) {
    const key = `${issuer} ${jwksUri}`;
    let verifier = verifiers.get(key);
    if (!verifier) {
      // Access tokens carry client_id, not aud: the audience check is ours, below.
      verifier = JwtRsaVerifier.create({ issuer, jwksUri, audience: null }, { jwksCache });
      verifiers.set(key, verifier);
    }
    return verifier;
  }

  return {
    /**
     * @param {string} token
     * @param {PoolClient} pool
     * @returns {Promise<TokenUser>} or rejects with TokenRejectedError
     */
    async verify(token, { region, userPoolID, clientID }) {
      const issuer = issuerFor(region, userPoolID);
      const jwksUri = jwksUriFor(region, userPoolID);
      /** @type {Record<string, unknown>} */
      let payload;
      try {
        payload = await verifierFor(issuer, jwksUri).verify(token);
      } catch (err) {
        throw new TokenRejectedError(reasonFor(err, { issuer, jwksUri }));
      }
      if (payload.token_use !== 'access') {
        throw new TokenRejectedError(`token is ${payload.token_use ? `an ${payload.token_use} token` : 'not a Cognito token'}, not an access token`);
      }
      if (payload.client_id !== clientID) throw new TokenRejectedError(`token was issued to another app client, not ${clientID}`);
      const groups = payload['cognito:groups'];
      return {
        username: String(payload.username ?? payload.sub ?? ''),
        groups: Array.isArray(groups) ? groups.map(String) : [],
        payload,
      };
    },
  };
}

/** @typedef {ReturnType<typeof createAccessTokenVerifier>} AccessTokenVerifier */

/** @param {string[]} userGroups @param {string[]} adminGroups */
export const isAdmin = (userGroups, adminGroups) => userGroups.some((g) => adminGroups.includes(g));
