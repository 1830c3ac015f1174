// Identities: one per user and identity pool, found again by the login that made it (same user → same IdentityId),
// and the checks GetId and GetCredentialsForIdentity share.
import { randomUUID } from 'node:crypto';
import { cognitoIdentityError } from '../errors.mjs';
import { loginKey } from './login-tokens.mjs';

/** @typedef {import('../state.mjs').EmulatorState} EmulatorState */
/** @typedef {import('../state.mjs').IdentityPool} IdentityPool */
/** @typedef {import('../state.mjs').Identity} Identity */
/** @typedef {import('./login-tokens.mjs').VerifiedLogin} VerifiedLogin */

export const IDENTITY_ID = { min: 1, max: 55, pattern: /^[\w-]+:[0-9a-f-]+$/, patternText: '[\\w-]+:[0-9a-f-]+' };
const LOGIN_PROVIDER = { min: 1, max: 128 };
const LOGIN_TOKEN = { min: 1, max: 50000 };

/**
 * The Logins map's constraints (at most 10 entries).
 * @param {Record<string, string> | undefined} logins @param {import('../validate.mjs').ConstraintCheck} check
 */
export function checkLogins(logins, check) {
  if (!logins) return;
  check.size(logins, 'logins', { max: 10 });
  for (const [provider, token] of Object.entries(logins)) {
    check.string(provider, 'logins.key', LOGIN_PROVIDER);
    check.string(token, `logins.${provider}.member`, LOGIN_TOKEN);
  }
}

export const unauthenticatedRefused = () => cognitoIdentityError.notAuthorized('Unauthenticated access is not supported for this identity pool.');
export const loginsDoNotMatch = () =>
  cognitoIdentityError.notAuthorized("Logins don't match. Please include at least one valid login for this identity or identity pool.");

/**
 * The identity these logins belong to, made if none does yet. Several logins link to one identity.
 * @param {EmulatorState} state @param {IdentityPool} pool @param {VerifiedLogin[]} logins
 * @returns {Identity}
 */
export function identityForLogins(state, pool, logins) {
  const { identities, identityOfLogin } = state.cognitoIdentity;
  const known = logins.map((login) => identityOfLogin.get(loginKey(pool.IdentityPoolId, login))).find(Boolean);
  const identity = (known && identities.get(known)) ?? newIdentity(state, pool, true);
  linkLogins(state, pool, identity, logins);
  return identity;
}

/**
 * Records that these logins are this identity's (a guest identity that signs in becomes authenticated).
 * @param {EmulatorState} state @param {IdentityPool} pool @param {Identity} identity @param {VerifiedLogin[]} logins
 */
export function linkLogins(state, pool, identity, logins) {
  for (const login of logins) {
    identity.logins[login.providerName] = login.sub;
    state.cognitoIdentity.identityOfLogin.set(loginKey(pool.IdentityPoolId, login), identity.IdentityId);
  }
  if (logins.length > 0) identity.authenticated = true;
}

/** @param {EmulatorState} state @param {IdentityPool} pool @param {boolean} authenticated @returns {Identity} */
export function newIdentity(state, pool, authenticated) {
  /** @type {Identity} */
  const identity = {
    IdentityId: `${pool.region}:${randomUUID()}`,
    IdentityPoolId: pool.IdentityPoolId,
    authenticated,
    logins: {},
    CreationDate: Math.floor(Date.now() / 1000),
    roleArn: undefined,
    credentials: [],
  };
  state.cognitoIdentity.identities.set(identity.IdentityId, identity);
  return identity;
}
