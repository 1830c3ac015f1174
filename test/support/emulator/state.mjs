// The emulator's whole memory. Plain data, so tests can inspect (and seed) it directly.

/**
 * @typedef {{ ProviderName: string, ClientId: string, ServerSideTokenCheck: boolean }} CognitoIdentityProvider
 *
 * @typedef {object} IdentityPool
 * @property {string} IdentityPoolId            `<region>:<uuid>`
 * @property {string} region
 * @property {string} IdentityPoolName
 * @property {boolean} AllowUnauthenticatedIdentities
 * @property {boolean} AllowClassicFlow
 * @property {Record<string, string>} SupportedLoginProviders
 * @property {string | undefined} DeveloperProviderName
 * @property {string[]} OpenIdConnectProviderARNs
 * @property {CognitoIdentityProvider[]} CognitoIdentityProviders
 * @property {string[]} SamlProviderARNs
 * @property {Record<string, string>} tags
 * @property {Record<string, string>} roles          `authenticated` / `unauthenticated` → role ARN
 * @property {Record<string, object>} roleMappings
 *
 * @typedef {{ PolicyName: string, PolicyDocument: string }} InlinePolicy
 *
 * @typedef {object} Role
 * @property {string} RoleName
 * @property {string} RoleId
 * @property {string} Arn
 * @property {string} Path
 * @property {Date} CreateDate
 * @property {string} AssumeRolePolicyDocument   as submitted (IAM answers it URL-encoded)
 * @property {string | undefined} Description
 * @property {number} MaxSessionDuration
 * @property {string | undefined} PermissionsBoundary
 * @property {{ Key: string, Value: string }[]} tags
 * @property {Map<string, InlinePolicy>} inlinePolicies  keyed by lower-cased policy name
 *
 * @typedef {object} EmulatorState
 * @property {{ pools: Map<string, IdentityPool> }} cognitoIdentity  keyed by IdentityPoolId
 * @property {{ roles: Map<string, Role> }} iam                        keyed by lower-cased RoleName (IAM names ignore case)
 */

/** @returns {EmulatorState} */
export function createState() {
  return {
    cognitoIdentity: { pools: new Map() },
    iam: { roles: new Map() },
  };
}
