// The Logins map of GetId and GetCredentialsForIdentity: provider name → ID token. Cognito checks each token as an
// OpenID Connect identity token of a user pool the identity pool trusts, and answers NotAuthorizedException with
// these words when one fails (as users have quoted them: amazon-cognito-identity-js#40, #91, #12, #153; aws-sdk-android
// #1431; amplify-js#2067):
//   "Invalid login token. Not a valid OpenId Connect identity token."   not a JWT, or not an ID token
//   "Invalid login token. Missing a required claim: aud"               an access token (it has client_id, no aud)
//   "Invalid login token. Issuer doesn't match providerName"           iss is not the provider's user pool
//   "Invalid login token. Couldn't verify signed token."               not signed by a key of the pool's JWKS
//   "Invalid login token. Token expired: <now> >= <exp>"
//   "Token is not from a supported provider of this identity pool."    provider or app client (aud) not configured
import { cognitoIdentityError } from '../errors.mjs';
import { decodeJwt, epochSeconds, hasValidRs256Signature } from '../../jwt.mjs';

/**
 * How the emulator finds a user pool's token issuer and keys. In AWS the issuer of pool P in region R is
 * https://cognito-idp.R.amazonaws.com/P and its keys are at <issuer>/.well-known/jwks.json; the local stack's tokens
 * name the gateway instead, so the stack passes its own.
 * @typedef {object} LoginProviders
 * @property {(region: string, userPoolId: string) => string} issuerFor
 * @property {(issuer: string) => Promise<import('../../jwt.mjs').Jwks>} jwksFor
 */

/** @type {LoginProviders} */
export const AWS_LOGIN_PROVIDERS = {
  issuerFor: (region, userPoolId) => `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`,
  jwksFor: async (issuer) => {
    const response = await fetch(`${issuer}/.well-known/jwks.json`);
    if (!response.ok) throw new Error(`JWKS of ${issuer}: HTTP ${response.status}`);
    return /** @type {any} */ (await response.json());
  },
};

const USER_POOL_PROVIDER = /^cognito-idp\.([a-z]{2}(?:-[a-z]+)+-\d)\.amazonaws\.com(?:\.cn)?\/(([a-z]{2}(?:-[a-z]+)+-\d)_[0-9A-Za-z]+)$/;

/**
 * @typedef {{ providerName: string, sub: string, claims: Record<string, any> }} VerifiedLogin
 */

/**
 * Checks every login against the pool; rejects with the first failure, as Cognito does.
 * @param {import('../state.mjs').IdentityPool} pool
 * @param {Record<string, string>} logins
 * @param {LoginProviders} providers
 * @returns {Promise<VerifiedLogin[]>}
 */
export async function verifyLogins(pool, logins, providers) {
  const verified = [];
  for (const [providerName, token] of Object.entries(logins)) verified.push(await verifyLogin(pool, providerName, token, providers));
  return verified;
}

/**
 * @param {import('../state.mjs').IdentityPool} pool @param {string} providerName @param {string} token
 * @param {LoginProviders} providers @returns {Promise<VerifiedLogin>}
 */
async function verifyLogin(pool, providerName, token, providers) {
  const notAuthorized = cognitoIdentityError.notAuthorized;
  const jwt = decodeJwt(token);
  if (!jwt) throw notAuthorized('Invalid login token. Not a valid OpenId Connect identity token.');
  const configured = pool.CognitoIdentityProviders.filter((provider) => provider.ProviderName === providerName);
  const userPool = USER_POOL_PROVIDER.exec(providerName);
  // Other kinds of login (Facebook, OIDC, SAML, developer) are not emulated: their tokens are never accepted.
  if (configured.length === 0 || !userPool) throw notAuthorized('Token is not from a supported provider of this identity pool.');

  const { claims } = jwt;
  if (claims.iss !== providers.issuerFor(userPool[1], userPool[2])) throw notAuthorized("Invalid login token. Issuer doesn't match providerName");
  if (claims.aud === undefined) throw notAuthorized('Invalid login token. Missing a required claim: aud');
  if (claims.token_use !== 'id') throw notAuthorized('Invalid login token. Not a valid OpenId Connect identity token.');
  let jwks;
  try {
    jwks = await providers.jwksFor(claims.iss);
  } catch {
    jwks = undefined;
  }
  if (!hasValidRs256Signature(jwt, jwks)) throw notAuthorized("Invalid login token. Couldn't verify signed token.");
  const now = epochSeconds();
  if (typeof claims.exp !== 'number' || now >= claims.exp) throw notAuthorized(`Invalid login token. Token expired: ${now} >= ${claims.exp}`);
  // A provider entry without a ClientId trusts every app client of the pool.
  if (!configured.some((provider) => !provider.ClientId || provider.ClientId === claims.aud)) {
    throw notAuthorized('Token is not from a supported provider of this identity pool.');
  }
  if (typeof claims.sub !== 'string' || !claims.sub) throw notAuthorized('Invalid login token. Not a valid OpenId Connect identity token.');
  return { providerName, sub: claims.sub, claims };
}

/** The key under which an identity pool remembers who signed in. @param {string} poolId @param {VerifiedLogin} login */
export const loginKey = (poolId, login) => `${poolId}|${login.providerName}|${login.sub}`;
