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
 * @property {Map<string, { PolicyName: string, PolicyArn: string }>} attachedPolicies  managed policies, keyed by ARN
 * @property {number | undefined} policyRemovedAt  Date.now() of the last DeleteRolePolicy or DetachRolePolicy (IAM propagation)
 * @property {number} trustChangedAt  Date.now() of creation or of the last UpdateAssumeRolePolicy (IAM propagation)
 *
 * @typedef {object} IssuedCredentials
 * @property {string} roleArn
 * @property {string} AccessKeyId
 * @property {number} expiration   epoch seconds
 *
 * @typedef {object} Identity
 * @property {string} IdentityId        `<region>:<uuid>`
 * @property {string} IdentityPoolId
 * @property {boolean} authenticated   false for an unauthenticated (guest) identity
 * @property {Record<string, string>} logins  provider name → the subject (`sub`) it signed in as
 * @property {number} CreationDate      epoch seconds
 * @property {string | undefined} roleArn  the role of the last credentials handed out
 * @property {IssuedCredentials[]} credentials  every set handed out, oldest first
 *
 * @typedef {object} Settings
 * @property {number} iamPropagationMs  how long a new role (or a changed trust policy) takes to be usable
 * @property {number} iamDeleteConflictMs  how long after a policy is removed DeleteRole still answers DeleteConflict
 * @property {'NotAuthorizedException' | 'InvalidParameterException'} rolePropagationErrorCode
 *   the code SetIdentityPoolRoles answers for a role it cannot use yet (see cognito-identity/roles-in-use.mjs)
 *
 * @typedef {object} EmulatorState
 * @property {{ pools: Map<string, IdentityPool>, identities: Map<string, Identity>, identityOfLogin: Map<string, string> }} cognitoIdentity
 *   pools keyed by IdentityPoolId; identities by IdentityId; identityOfLogin: `<pool>|<provider>|<sub>` → IdentityId
 * @property {{ roles: Map<string, Role> }} iam                        keyed by lower-cased RoleName (IAM names ignore case)
 * @property {Settings} settings
 */

/** @param {Partial<Settings>} [settings] @returns {EmulatorState} */
export function createState(settings = {}) {
  return {
    cognitoIdentity: { pools: new Map(), identities: new Map(), identityOfLogin: new Map() },
    iam: { roles: new Map() },
    settings: { iamPropagationMs: 0, iamDeleteConflictMs: 0, rolePropagationErrorCode: 'NotAuthorizedException', ...settings },
  };
}
