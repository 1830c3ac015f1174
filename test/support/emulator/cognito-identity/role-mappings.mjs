// Which role a signed-in user gets: the pool's role mapping for their provider, if it has one (Token: the role the
// ID token names; Rules: the first rule its claims match), else the authenticated role.
import { cognitoIdentityError } from '../errors.mjs';

/** @typedef {import('./login-tokens.mjs').VerifiedLogin} VerifiedLogin */

const RULE_MATCHES = {
  Equals: (/** @type {string} */ have, /** @type {string} */ want) => have === want,
  Contains: (have, want) => have.includes(want),
  StartsWith: (have, want) => have.startsWith(want),
  NotEqual: (have, want) => have !== want,
};

/**
 * @param {import('../state.mjs').IdentityPool} pool @param {VerifiedLogin} login
 * @param {string | undefined} customRoleArn a role the caller asks for (it must be one the token may have)
 * @returns {string | undefined}
 */
export function roleForLogin(pool, login, customRoleArn) {
  const clientId = String(login.claims.aud ?? '');
  const mapping = pool.roleMappings[`${login.providerName}:${clientId}`] ?? pool.roleMappings[login.providerName];
  if (!mapping) return customRoleArn && customRoleArn !== pool.roles.authenticated ? refuseCustomRole() : pool.roles.authenticated;

  const tokenRoles = [login.claims['cognito:roles']].flat().filter((r) => typeof r === 'string');
  /** @type {string | undefined} */
  let role;
  if (mapping.Type === 'Token') {
    const preferred = login.claims['cognito:preferred_role'];
    role = customRoleArn && tokenRoles.includes(customRoleArn) ? customRoleArn : (typeof preferred === 'string' ? preferred : undefined) ?? (tokenRoles.length === 1 ? tokenRoles[0] : undefined);
  } else {
    const rule = (mapping.RulesConfiguration?.Rules ?? []).find((r) => {
      const value = login.claims[r.Claim];
      const compare = RULE_MATCHES[/** @type {keyof typeof RULE_MATCHES} */ (r.MatchType)];
      return compare && [value].flat().some((v) => typeof v === 'string' && compare(v, r.Value));
    });
    role = rule?.RoleARN;
  }
  if (role) return role;
  if (mapping.AmbiguousRoleResolution === 'AuthenticatedRole') return pool.roles.authenticated;
  throw cognitoIdentityError.invalidIdentityPoolConfiguration('Invalid identity pool configuration. Check assigned IAM roles for this pool.');
}

/** @returns {never} */
function refuseCustomRole() {
  throw cognitoIdentityError.invalidParameter('CustomRoleArn can only be one of the roles the role mapping allows.');
}
