// What the identity pool operations share: member rules from the Cognito Federated Identities
// API reference, JSON type checks, the pool definition that CreateIdentityPool and
// UpdateIdentityPool both take, the IdentityPool shape answered, and lookups by ID and ARN.
import { cognitoIdentityError } from '../errors.mjs';

/** @typedef {import('../state.mjs').IdentityPool} IdentityPool */
/** @typedef {import('../state.mjs').EmulatorState} EmulatorState */
/** @typedef {import('../validate.mjs').ConstraintCheck} ConstraintCheck */
/** @typedef {{ region: string, accountId: string }} RequestContext */

// `\s` as the service's Java regex means it: ASCII white space only.
export const IDENTITY_POOL_NAME = {
  min: 1, max: 128, pattern: /^[\w \t\n\x0B\f\r+=,.@-]+$/, patternText: '[\\w\\s+=,.@-]+',
};
export const IDENTITY_POOL_ID = { min: 1, max: 55, pattern: /^[\w-]+:[0-9a-f-]+$/, patternText: '[\\w-]+:[0-9a-f-]+' };
export const ARN_STRING = { min: 20, max: 2048 };
export const TAG_KEY = { min: 1, max: 128 };
export const TAG_VALUE = { min: 0, max: 256 };
export const MAX_TAGS = 50;
const PROVIDER_NAME = { min: 1, max: 128, pattern: /^[\w._:/-]+$/, patternText: '[\\w._:/-]+' };
const CLIENT_ID = { min: 1, max: 128, pattern: /^[\w_]+$/, patternText: '[\\w_]+' };
const DEVELOPER_PROVIDER_NAME = { min: 1, max: 128, pattern: /^[\w._-]+$/, patternText: '[\\w._-]+' };
const LOGIN_PROVIDER_NAME = { min: 1, max: 128 };
const LOGIN_PROVIDER_ID = { min: 1, max: 128, pattern: /^[\w.;_/-]+$/, patternText: '[\\w.;_/-]+' };

const USER_POOL_PROVIDER = /^cognito-idp\.([a-z]{2}(?:-[a-z]+)+-\d)\.amazonaws\.com(?:\.cn)?\/([a-z]{2}(?:-[a-z]+)+-\d)_[0-9A-Za-z]+$/;
const IAM_PROVIDER_ARN = (/** @type {string} */ kind) => new RegExp(`^arn:aws[\\w-]*:iam::\\d{12}:${kind}/[\\x21-\\x7E]+$`);
const POOL_ARN = /^arn:aws[\w-]*:cognito-identity:([a-z0-9-]+):(\d{12}):identitypool\/(.+)$/;

// ---- JSON types: a mistyped member is a SerializationException, before any constraint. ----

/**
 * @typedef {'string' | 'boolean' | 'integer' | 'object' | 'string[]' | 'object[]' | 'map<string>' | 'map<object>'} JsonType
 */

/**
 * @param {Record<string, unknown>} body
 * @param {Record<string, JsonType>} members
 */
export function expectTypes(body, members) {
  for (const [member, type] of Object.entries(members)) {
    const value = body[member];
    if (value === undefined || value === null) continue;
    if (!hasType(value, type)) {
      throw cognitoIdentityError.serialization(`Unexpected value type for ${member}: expected ${type}`);
    }
  }
}

/**
 * @param {unknown} value
 * @param {JsonType} type
 * @returns {boolean}
 */
function hasType(value, type) {
  switch (type) {
    case 'string': return typeof value === 'string';
    case 'boolean': return typeof value === 'boolean';
    case 'integer': return Number.isInteger(value);
    case 'object': return isPlainObject(value);
    case 'string[]': return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'object[]': return Array.isArray(value) && value.every(isPlainObject);
    case 'map<string>': return isPlainObject(value) && Object.values(value).every((v) => typeof v === 'string');
    case 'map<object>': return isPlainObject(value) && Object.values(value).every(isPlainObject);
    default: return false;
  }
}

/** @param {unknown} value @returns {value is Record<string, any>} */
export function isPlainObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---- The pool definition (CreateIdentityPool input; UpdateIdentityPool input minus the ID). ----

const DEFINITION_TYPES = /** @type {const} */ ({
  IdentityPoolName: 'string',
  AllowUnauthenticatedIdentities: 'boolean',
  AllowClassicFlow: 'boolean',
  SupportedLoginProviders: 'map<string>',
  DeveloperProviderName: 'string',
  OpenIdConnectProviderARNs: 'string[]',
  CognitoIdentityProviders: 'object[]',
  SamlProviderARNs: 'string[]',
  IdentityPoolTags: 'map<string>',
});

/**
 * Type-checks and constraint-checks a pool definition into `check` (the caller throws).
 * @param {Record<string, any>} body
 * @param {ConstraintCheck} check
 */
export function checkPoolDefinition(body, check) {
  expectTypes(body, DEFINITION_TYPES);
  for (const provider of body.CognitoIdentityProviders ?? []) {
    expectTypes(provider, { ProviderName: 'string', ClientId: 'string', ServerSideTokenCheck: 'boolean' });
  }
  check.string(body.IdentityPoolName, 'identityPoolName', { ...IDENTITY_POOL_NAME, required: true });
  check.present(body.AllowUnauthenticatedIdentities, 'allowUnauthenticatedIdentities', true);
  if (body.SupportedLoginProviders) {
    check.size(body.SupportedLoginProviders, 'supportedLoginProviders', { max: 10 });
    for (const [name, appId] of Object.entries(body.SupportedLoginProviders)) {
      check.string(name, 'supportedLoginProviders.key', LOGIN_PROVIDER_NAME);
      check.string(/** @type {string} */ (appId), `supportedLoginProviders.${name}.member`, LOGIN_PROVIDER_ID);
    }
  }
  check.string(body.DeveloperProviderName, 'developerProviderName', DEVELOPER_PROVIDER_NAME);
  (body.OpenIdConnectProviderARNs ?? []).forEach((/** @type {string} */ arn, /** @type {number} */ i) =>
    check.string(arn, `openIdConnectProviderARNs.${i + 1}.member`, ARN_STRING));
  (body.SamlProviderARNs ?? []).forEach((/** @type {string} */ arn, /** @type {number} */ i) =>
    check.string(arn, `samlProviderARNs.${i + 1}.member`, ARN_STRING));
  (body.CognitoIdentityProviders ?? []).forEach((/** @type {Record<string, any>} */ provider, /** @type {number} */ i) => {
    check.string(provider.ProviderName, `cognitoIdentityProviders.${i + 1}.member.providerName`, PROVIDER_NAME);
    check.string(provider.ClientId, `cognitoIdentityProviders.${i + 1}.member.clientId`, CLIENT_ID);
  });
  checkTags(body.IdentityPoolTags, 'identityPoolTags', check);
}

/**
 * @param {Record<string, string> | undefined} tags
 * @param {string} member
 * @param {ConstraintCheck} check
 */
export function checkTags(tags, member, check) {
  if (!tags) return;
  for (const [key, value] of Object.entries(tags)) {
    check.string(key, `${member}.key`, TAG_KEY);
    check.string(value, `${member}.${key}.member`, TAG_VALUE);
  }
}

/**
 * What the reference's patterns let through but the service still refuses: providers that
 * are not user pools of a region, duplicate providers, ARNs of the wrong kind, too many tags.
 * @param {Record<string, any>} body
 */
export function rejectInvalidDefinition(body) {
  const seen = new Set();
  for (const provider of body.CognitoIdentityProviders ?? []) {
    const match = USER_POOL_PROVIDER.exec(provider.ProviderName ?? '');
    if (!match || match[1] !== match[2]) {
      throw cognitoIdentityError.invalidParameter(
        `Invalid Cognito user pool provider name: ${provider.ProviderName}. Expected cognito-idp.<region>.amazonaws.com/<user pool ID>.`,
      );
    }
    if (!provider.ClientId) throw cognitoIdentityError.invalidParameter(`No ClientId given for provider ${provider.ProviderName}.`);
    const key = `${provider.ProviderName}:${provider.ClientId}`;
    if (seen.has(key)) throw cognitoIdentityError.invalidParameter(`Duplicate provider: ${key}.`);
    seen.add(key);
  }
  for (const arn of body.OpenIdConnectProviderARNs ?? []) {
    if (!IAM_PROVIDER_ARN('oidc-provider').test(arn)) throw cognitoIdentityError.invalidParameter(`Invalid OpenIdConnectProviderARN: ${arn}`);
  }
  for (const arn of body.SamlProviderARNs ?? []) {
    if (!IAM_PROVIDER_ARN('saml-provider').test(arn)) throw cognitoIdentityError.invalidParameter(`Invalid SamlProviderARN: ${arn}`);
  }
  if (body.IdentityPoolTags && Object.keys(body.IdentityPoolTags).length > MAX_TAGS) {
    throw cognitoIdentityError.invalidParameter(`An identity pool can have at most ${MAX_TAGS} tags.`);
  }
}

/**
 * The settings a definition stands for: anything left out takes its default value, which is
 * why UpdateIdentityPool resets what it is not given.
 * @param {Record<string, any>} body
 */
export function settingsFromDefinition(body) {
  return {
    IdentityPoolName: /** @type {string} */ (body.IdentityPoolName),
    AllowUnauthenticatedIdentities: Boolean(body.AllowUnauthenticatedIdentities),
    AllowClassicFlow: Boolean(body.AllowClassicFlow),
    SupportedLoginProviders: { ...(body.SupportedLoginProviders ?? {}) },
    DeveloperProviderName: /** @type {string | undefined} */ (body.DeveloperProviderName),
    OpenIdConnectProviderARNs: [...(body.OpenIdConnectProviderARNs ?? [])],
    CognitoIdentityProviders: (body.CognitoIdentityProviders ?? []).map((/** @type {Record<string, any>} */ p) => ({
      ProviderName: p.ProviderName,
      ClientId: p.ClientId,
      ServerSideTokenCheck: Boolean(p.ServerSideTokenCheck),
    })),
    SamlProviderARNs: [...(body.SamlProviderARNs ?? [])],
  };
}

/**
 * The IdentityPool structure. Empty optional collections are left out; AllowClassicFlow and
 * IdentityPoolTags are always present.
 * @param {IdentityPool} pool
 */
export function poolOutput(pool) {
  const nonEmpty = (/** @type {object} */ v) => (Object.keys(v).length > 0 ? v : undefined);
  return {
    IdentityPoolId: pool.IdentityPoolId,
    IdentityPoolName: pool.IdentityPoolName,
    AllowUnauthenticatedIdentities: pool.AllowUnauthenticatedIdentities,
    AllowClassicFlow: pool.AllowClassicFlow,
    SupportedLoginProviders: nonEmpty(pool.SupportedLoginProviders),
    DeveloperProviderName: pool.DeveloperProviderName,
    OpenIdConnectProviderARNs: nonEmpty(pool.OpenIdConnectProviderARNs),
    CognitoIdentityProviders: nonEmpty(pool.CognitoIdentityProviders.map((p) => ({ ...p }))),
    SamlProviderARNs: nonEmpty(pool.SamlProviderARNs),
    IdentityPoolTags: { ...pool.tags },
  };
}

/**
 * Identity pools are regional: a pool of another region is not found.
 * @param {EmulatorState} state
 * @param {RequestContext} ctx
 * @param {string} identityPoolId
 */
export function findPool(state, ctx, identityPoolId) {
  const pool = state.cognitoIdentity.pools.get(identityPoolId);
  if (!pool || pool.region !== ctx.region) {
    throw cognitoIdentityError.resourceNotFound(`IdentityPool '${identityPoolId}' not found.`);
  }
  return pool;
}

/** @param {IdentityPool} pool @param {RequestContext} ctx */
export function poolArn(pool, ctx) {
  return `arn:aws:cognito-identity:${pool.region}:${ctx.accountId}:identitypool/${pool.IdentityPoolId}`;
}

/**
 * @param {EmulatorState} state
 * @param {RequestContext} ctx
 * @param {string} arn
 */
export function findPoolByArn(state, ctx, arn) {
  const match = POOL_ARN.exec(arn);
  if (!match) throw cognitoIdentityError.invalidParameter(`Invalid ResourceArn: ${arn}`);
  const [, region, account, identityPoolId] = match;
  const pool = state.cognitoIdentity.pools.get(identityPoolId);
  if (!pool || region !== ctx.region || pool.region !== region || account !== ctx.accountId) {
    throw cognitoIdentityError.resourceNotFound(`IdentityPool '${identityPoolId}' not found.`);
  }
  return pool;
}
