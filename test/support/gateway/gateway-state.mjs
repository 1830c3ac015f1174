// What the gateway keeps itself because cognito-local does not model it: the user pool settings it drops or never
// resets, the AWS view of each app client, users' TOTP MFA, the sessions of MFA challenges, risk configurations,
// user pool domains.
// In memory: it lives as long as the stack, like cognito-local's own working directory.

/**
 * @typedef {object} PoolSettings
 * @property {'ACTIVE' | 'INACTIVE'} DeletionProtection
 * @property {'LITE' | 'ESSENTIALS' | 'PLUS'} UserPoolTier
 * @property {{ AdvancedSecurityMode: 'OFF' | 'AUDIT' | 'ENFORCED', AdvancedSecurityAdditionalFlows?: object }} UserPoolAddOns
 * @property {'OFF' | 'ON' | 'OPTIONAL'} MfaConfiguration
 * @property {boolean} softwareTokenMfaEnabled   SetUserPoolMfaConfig's SoftwareTokenMfaConfiguration.Enabled
 * @property {Record<string, any> | undefined} SmsMfaConfiguration
 * @property {Record<string, any> | undefined} EmailMfaConfiguration
 * @property {Record<string, any> | undefined} [WebAuthnConfiguration]
 * @property {Record<string, any> | undefined} UserAttributeUpdateSettings
 * @property {string} Name
 * @property {Map<string, Record<string, any>>} risk  client id ('' for the whole pool) → its RiskConfiguration
 *
 * @typedef {object} UserMfa
 * @property {string | undefined} secret     the verified TOTP secret (base32)
 * @property {string | undefined} pending    a secret AssociateSoftwareToken handed out, not verified yet
 * @property {boolean} enabled               SetUserMFAPreference / AdminSetUserMFAPreference Enabled
 * @property {boolean} preferred
 * @property {string | undefined} FriendlyDeviceName
 *
 * @typedef {object} AuthSession   an MFA challenge waiting for its answer
 * @property {'SOFTWARE_TOKEN_MFA' | 'MFA_SETUP'} challenge
 * @property {string} poolId
 * @property {string} clientId
 * @property {string} username       cognito-local's username
 * @property {boolean} verified      MFA_SETUP: VerifySoftwareToken has succeeded
 * @property {number} expiresAt
 *
 * @typedef {object} PoolDomain   CreateUserPoolDomain's: a prefix domain, or a custom one (CustomDomainConfig)
 * @property {string} UserPoolId
 * @property {boolean} custom
 *
 * @typedef {object} GatewayState
 * @property {Map<string, PoolSettings>} pools           by user pool id
 * @property {Map<string, Record<string, any>>} clients  by client id: the client as DescribeUserPoolClient answers it
 * @property {Map<string, UserMfa>} mfa                  by `<poolId>/<username>`
 * @property {Map<string, AuthSession>} sessions         by session string
 * @property {Map<string, PoolDomain>} domains           by domain (a prefix, or a custom domain's name)
 */

/** @returns {GatewayState} */
export function createGatewayState() {
  return { pools: new Map(), clients: new Map(), mfa: new Map(), sessions: new Map(), domains: new Map() };
}

/** @param {string} poolId @param {string} username */
export const mfaKey = (poolId, username) => `${poolId}/${username}`;

/** Forgets a deleted pool and everything in it. @param {GatewayState} state @param {string} poolId */
export function forgetPool(state, poolId) {
  state.pools.delete(poolId);
  for (const [clientId, client] of state.clients) if (client.UserPoolId === poolId) state.clients.delete(clientId);
  for (const key of state.mfa.keys()) if (key.startsWith(`${poolId}/`)) state.mfa.delete(key);
  for (const [session, pending] of state.sessions) if (pending.poolId === poolId) state.sessions.delete(session);
  for (const [domain, owner] of state.domains) if (owner.UserPoolId === poolId) state.domains.delete(domain);
}

/** A pool's domains, each with its name. @param {GatewayState} state @param {string} poolId */
export function domainsOf(state, poolId) {
  return [...state.domains].filter(([, owner]) => owner.UserPoolId === poolId).map(([Domain, owner]) => ({ Domain, ...owner }));
}
