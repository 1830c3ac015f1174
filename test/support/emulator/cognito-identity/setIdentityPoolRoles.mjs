import { ServiceError, cognitoIdentityError } from '../errors.mjs';
import { isRoleVisible, roleOfArn } from '../iam/propagation.mjs';
import { ConstraintCheck } from '../validate.mjs';
import { ARN_STRING, IDENTITY_POOL_ID, expectTypes, findPool, isPlainObject } from './pools.mjs';

const ROLE_TYPE = { min: 1, max: 128, pattern: /^(un)?authenticated$/, patternText: '(un)?authenticated' };
const ROLE_MAPPING_KEY = { min: 1, max: 128 };
const CLAIM_NAME = { min: 1, max: 64, pattern: /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u, patternText: '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+' };
const CLAIM_VALUE = { min: 1, max: 128 };
const ROLE_MAPPING_TYPES = ['Token', 'Rules'];
const AMBIGUOUS_ROLE_RESOLUTIONS = ['AuthenticatedRole', 'Deny'];
const MATCH_TYPES = ['Equals', 'Contains', 'StartsWith', 'NotEqual'];
// What an IAM role ARN looks like: arn:<partition>:iam::<12-digit account>:role/<path/><name>.
const ROLE_ARN = /^arn:aws(?:-cn|-us-gov)?:iam::\d{12}:role\/(?:[\x21-\x7E]*\/)?[\w+=,.@-]{1,64}$/;

/**
 * Replaces the pool's roles (and role mappings) with the ones given.
 * @type {import('./index.mjs').CognitoIdentityOperation}
 */
export async function setIdentityPoolRoles(body, { state, ctx }) {
  expectTypes(body, { IdentityPoolId: 'string', Roles: 'map<string>', RoleMappings: 'map<object>' });
  const check = new ConstraintCheck();
  check.string(body.IdentityPoolId, 'identityPoolId', { ...IDENTITY_POOL_ID, required: true });
  if (check.present(body.Roles, 'roles', true)) {
    check.size(body.Roles, 'roles', { max: 2 });
    for (const [type, arn] of Object.entries(body.Roles)) {
      check.string(type, 'roles.key', ROLE_TYPE);
      check.string(/** @type {string} */ (arn), `roles.${type}.member`, ARN_STRING);
    }
  }
  const mappings = body.RoleMappings ?? {};
  check.size(mappings, 'roleMappings', { max: 10 });
  for (const [provider, mapping] of Object.entries(mappings)) {
    checkRoleMapping(provider, mapping, check);
  }
  check.throwIfFailed(cognitoIdentityError.validation);

  const pool = findPool(state, ctx, body.IdentityPoolId);
  for (const arn of Object.values(body.Roles)) rejectUnlessRoleArn(/** @type {string} */ (arn));
  const configured = configuredProviders(pool);
  for (const [provider, mapping] of Object.entries(mappings)) {
    // As AWS answers a mapping for a provider the pool does not have (aws/aws-cdk#7670, #22951).
    if (!configured.has(provider)) throw cognitoIdentityError.invalidParameter(`${provider} is not a valid RoleMapping ProviderName or is not a configured provider.`);
    if (!mapping.AmbiguousRoleResolution) {
      throw cognitoIdentityError.invalidParameter(`AmbiguousRoleResolution must be specified for provider ${provider}.`);
    }
    if (mapping.Type === 'Rules' && !mapping.RulesConfiguration) {
      throw cognitoIdentityError.invalidParameter(`RulesConfiguration must be specified for provider ${provider} with Type Rules.`);
    }
    for (const rule of mapping.RulesConfiguration?.Rules ?? []) rejectUnlessRoleArn(rule.RoleARN);
  }
  const named = [...Object.values(body.Roles), ...Object.values(mappings).flatMap((m) => (m.RulesConfiguration?.Rules ?? []).map((r) => r.RoleARN))];
  for (const arn of named) rejectUnusableRole(state, ctx, /** @type {string} */ (arn));
  pool.roles = { ...body.Roles };
  pool.roleMappings = structuredClone(mappings);
  return undefined;
}

/**
 * The names a role mapping may be keyed by: each user pool provider as `<provider name>:<client ID>` (the form the
 * API reference gives), each social provider's domain, each OpenID Connect provider's URL (its ARN's resource) and
 * each SAML provider's ARN.
 * @param {import('../state.mjs').IdentityPool} pool
 */
function configuredProviders(pool) {
  return new Set([
    ...pool.CognitoIdentityProviders.map((p) => `${p.ProviderName}:${p.ClientId}`),
    ...Object.keys(pool.SupportedLoginProviders ?? {}),
    ...(pool.OpenIdConnectProviderARNs ?? []).map((arn) => arn.replace(/^arn:[^:]+:iam::\d{12}:oidc-provider\//, '')),
    ...(pool.SamlProviderARNs ?? []),
  ]);
}

/**
 * @param {string} provider
 * @param {Record<string, any>} mapping
 * @param {ConstraintCheck} check
 */
function checkRoleMapping(provider, mapping, check) {
  const member = `roleMappings.${provider}.member`;
  check.string(provider, 'roleMappings.key', ROLE_MAPPING_KEY);
  checkEnum(mapping.Type, `${member}.type`, ROLE_MAPPING_TYPES, check, true);
  checkEnum(mapping.AmbiguousRoleResolution, `${member}.ambiguousRoleResolution`, AMBIGUOUS_ROLE_RESOLUTIONS, check, false);
  if (mapping.RulesConfiguration === undefined || mapping.RulesConfiguration === null) return;
  const rules = isPlainObject(mapping.RulesConfiguration) ? mapping.RulesConfiguration.Rules : undefined;
  if (!check.present(rules, `${member}.rulesConfiguration.rules`, true)) return;
  if (!Array.isArray(rules)) throw cognitoIdentityError.serialization('Unexpected value type for Rules: expected list');
  check.size(rules, `${member}.rulesConfiguration.rules`, { min: 1, max: 400 });
  rules.forEach((rule, i) => {
    const at = `${member}.rulesConfiguration.rules.${i + 1}.member`;
    check.string(rule?.Claim, `${at}.claim`, { ...CLAIM_NAME, required: true });
    checkEnum(rule?.MatchType, `${at}.matchType`, MATCH_TYPES, check, true);
    check.string(rule?.Value, `${at}.value`, { ...CLAIM_VALUE, required: true });
    check.string(rule?.RoleARN, `${at}.roleARN`, { ...ARN_STRING, required: true });
  });
}

/**
 * @param {unknown} value
 * @param {string} member
 * @param {string[]} allowed
 * @param {ConstraintCheck} check
 * @param {boolean} required
 */
function checkEnum(value, member, allowed, check, required) {
  if (!check.present(value, member, required)) return;
  if (!allowed.includes(/** @type {string} */ (value))) {
    check.fail(member, value, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
  }
}

/**
 * Cognito refuses a role it cannot use: one that does not exist in the account, or that IAM has not propagated yet
 * (iam/propagation.mjs). What it answers, as reported by people who met it (boto3#73, aws-sdk-js#908,
 * danilop/LambdAuth#40, amazon-archives/aws-cognito-angular-quickstart#35): NotAuthorizedException,
 * "Access to Role '<the ARN as given>' is forbidden." The code is a setting (state.settings.rolePropagationErrorCode)
 * only so the stack can keep today's CLI working, which retries InvalidParameterException instead.
 * @param {import('../state.mjs').EmulatorState} state @param {import('./index.mjs').RequestContext} ctx @param {string} arn
 */
function rejectUnusableRole(state, ctx, arn) {
  const role = roleOfArn(state, arn, ctx.accountId);
  if (role && isRoleVisible(state, role)) return;
  throw new ServiceError(state.settings.rolePropagationErrorCode, `Access to Role '${arn}' is forbidden.`, 400);
}

/** @param {string} arn */
function rejectUnlessRoleArn(arn) {
  if (!ROLE_ARN.test(arn)) throw cognitoIdentityError.invalidParameter(`Invalid role ARN: ${arn}`);
}
