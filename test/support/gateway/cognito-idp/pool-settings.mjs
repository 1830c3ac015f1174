// The user pool settings the gateway answers for, and the rules around them that cognito-local leaves out:
// UpdateUserPool resets what it is not given (the API reference: "If you don't provide a value for an attribute,
// Amazon Cognito sets it to its default value"), threat protection needs the Plus plan, MFA needs a factor.
import { AwsError } from '../wire-errors.mjs';

/** @typedef {import('../gateway-state.mjs').PoolSettings} PoolSettings */

/** What a pool has when nothing says otherwise (API reference: UserPoolTier "Defaults to ESSENTIALS"). */
export const DEFAULT_PASSWORD_POLICY = {
  MinimumLength: 8,
  RequireUppercase: true,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: true,
  TemporaryPasswordValidityDays: 7,
};
export const DEFAULT_ADMIN_CREATE_USER_CONFIG = { AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 7 };
const TIERS = ['LITE', 'ESSENTIALS', 'PLUS'];
const SECURITY_MODES = ['OFF', 'AUDIT', 'ENFORCED'];
const MFA_CONFIGURATIONS = ['OFF', 'ON', 'OPTIONAL'];

/**
 * Settings the gateway owns and cognito-local must not see (it would drop, keep or act on them wrongly).
 * cognito-local gets MfaConfiguration OFF instead, so that it never starts an MFA challenge of its own.
 */
const GATEWAY_OWNED = [
  'DeletionProtection',
  'UserPoolTier',
  'UserPoolAddOns',
  'MfaConfiguration',
  'UserAttributeUpdateSettings',
  'PoolName',
  'DcrConfiguration',
  'KeyConfiguration',
  'IssuerConfiguration',
  'AcrConfiguration',
];

/** @param {Record<string, any>} input CreateUserPool @returns {PoolSettings} */
export function settingsOnCreate(input) {
  const settings = resolve(input, { softwareTokenMfaEnabled: false, risk: new Map(), Name: input.PoolName });
  requireFactorFor(settings.MfaConfiguration, settings.softwareTokenMfaEnabled, input.SmsConfiguration);
  return settings;
}

/**
 * Everything updatable that the request leaves out goes back to its default; the pool's name and what only
 * SetUserPoolMfaConfig or SetRiskConfiguration change stay.
 * @param {PoolSettings} current @param {Record<string, any>} input UpdateUserPool @returns {PoolSettings}
 */
export function settingsOnUpdate(current, input) {
  const settings = resolve(input, {
    softwareTokenMfaEnabled: current.softwareTokenMfaEnabled,
    risk: current.risk,
    Name: input.PoolName ?? current.Name,
    SmsMfaConfiguration: current.SmsMfaConfiguration,
    EmailMfaConfiguration: current.EmailMfaConfiguration,
    WebAuthnConfiguration: current.WebAuthnConfiguration,
  });
  // The factors SetUserPoolMfaConfig turned on count too (an email or SMS MFA pool stays OPTIONAL through an update).
  const otherFactor = input.SmsConfiguration ?? current.SmsMfaConfiguration?.SmsConfiguration ?? current.EmailMfaConfiguration;
  requireFactorFor(settings.MfaConfiguration, settings.softwareTokenMfaEnabled, otherFactor);
  return settings;
}

/**
 * @param {Record<string, any>} input
 * @param {Pick<PoolSettings, 'softwareTokenMfaEnabled' | 'risk' | 'Name'> & Partial<PoolSettings>} kept
 * @returns {PoolSettings}
 */
function resolve(input, kept) {
  const tier = input.UserPoolTier ?? 'ESSENTIALS';
  const addOns = { AdvancedSecurityMode: 'OFF', ...(input.UserPoolAddOns ?? {}) };
  requireOneOf(tier, TIERS, 'userPoolTier');
  requireOneOf(addOns.AdvancedSecurityMode, SECURITY_MODES, 'userPoolAddOns.advancedSecurityMode');
  const mfa = input.MfaConfiguration ?? 'OFF';
  requireOneOf(mfa, MFA_CONFIGURATIONS, 'mfaConfiguration');
  requireOneOf(input.DeletionProtection ?? 'INACTIVE', ['ACTIVE', 'INACTIVE'], 'deletionProtection');
  if (addOns.AdvancedSecurityMode !== 'OFF' && tier !== 'PLUS') {
    // The exception is the API's (FeatureUnavailableInTierException); the words are ours.
    throw new AwsError('FeatureUnavailableInTierException', `Threat protection (AdvancedSecurityMode ${addOns.AdvancedSecurityMode}) is not available in the ${tier} feature plan; it needs PLUS.`);
  }
  return {
    DeletionProtection: input.DeletionProtection ?? 'INACTIVE',
    UserPoolTier: tier,
    UserPoolAddOns: addOns,
    MfaConfiguration: mfa,
    UserAttributeUpdateSettings: input.UserAttributeUpdateSettings,
    SmsMfaConfiguration: undefined,
    EmailMfaConfiguration: undefined,
    ...kept,
  };
}

/**
 * MFA ON or OPTIONAL needs a factor: TOTP turned on with SetUserPoolMfaConfig, or SMS. Without either, Cognito's
 * well-known refusal (quoted in many a CloudFormation and Terraform issue).
 * @param {string} mfa @param {boolean} totp @param {unknown} otherFactor SMS (or, on update, the pool's email MFA)
 */
export function requireFactorFor(mfa, totp, otherFactor) {
  if (mfa === 'OFF' || totp || otherFactor) return;
  throw new AwsError('InvalidParameterException', 'SMS configuration and Auto verification for phone_number are required when MFA is required/optional');
}

/**
 * Cognito's model validation answers InvalidParameterException (boto3#1356, aws-sdk-js#2193 quote it).
 * @param {unknown} value @param {string[]} allowed @param {string} member
 */
export function requireOneOf(value, allowed, member) {
  if (allowed.includes(/** @type {string} */ (value))) return;
  throw new AwsError('InvalidParameterException', `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`);
}

/**
 * The request cognito-local gets: without what the gateway owns, with the defaults that UpdateUserPool restores
 * written out (cognito-local drops what it is not given, so the pool's file shows the policy Cognito applies), and
 * with the pool's tags kept.
 * @param {Record<string, any>} input @param {Record<string, string> | undefined} currentTags
 */
export function cognitoLocalPoolInput(input, currentTags) {
  /** @type {Record<string, any>} */
  const forwarded = { ...input, MfaConfiguration: 'OFF' };
  for (const key of GATEWAY_OWNED) if (key !== 'MfaConfiguration') delete forwarded[key];
  forwarded.Policies = { ...(input.Policies ?? {}), PasswordPolicy: input.Policies?.PasswordPolicy ?? DEFAULT_PASSWORD_POLICY };
  forwarded.AdminCreateUserConfig = input.AdminCreateUserConfig ?? DEFAULT_ADMIN_CREATE_USER_CONFIG;
  if (forwarded.UserPoolTags === undefined && currentTags) forwarded.UserPoolTags = currentTags;
  return forwarded;
}

/**
 * Cognito refuses the deprecated UnusedAccountValidityDays beside PasswordPolicy.TemporaryPasswordValidityDays.
 * @param {Record<string, any>} input
 */
export function rejectConflictingValidity(input) {
  if (input.AdminCreateUserConfig?.UnusedAccountValidityDays !== undefined && input.Policies?.PasswordPolicy?.TemporaryPasswordValidityDays !== undefined) {
    throw new AwsError('InvalidParameterException', 'Please use TemporaryPasswordValidityDays in PasswordPolicy instead of UnusedAccountValidityDays');
  }
}

/**
 * A pool as DescribeUserPool answers it: cognito-local's view with the gateway's settings on top.
 * @param {Record<string, any>} pool cognito-local's UserPool @param {PoolSettings | undefined} settings
 */
export function describedPool(pool, settings) {
  const described = {
    ...pool,
    Policies: { ...(pool.Policies ?? {}), PasswordPolicy: pool.Policies?.PasswordPolicy ?? DEFAULT_PASSWORD_POLICY },
    AdminCreateUserConfig: pool.AdminCreateUserConfig ?? DEFAULT_ADMIN_CREATE_USER_CONFIG,
  };
  if (!settings) return { ...described, DeletionProtection: 'INACTIVE', UserPoolTier: 'ESSENTIALS', UserPoolAddOns: { AdvancedSecurityMode: 'OFF' }, MfaConfiguration: 'OFF' };
  return {
    ...described,
    Name: settings.Name ?? pool.Name,
    DeletionProtection: settings.DeletionProtection,
    UserPoolTier: settings.UserPoolTier,
    UserPoolAddOns: settings.UserPoolAddOns,
    MfaConfiguration: settings.MfaConfiguration,
    ...(settings.UserAttributeUpdateSettings ? { UserAttributeUpdateSettings: settings.UserAttributeUpdateSettings } : {}),
  };
}

/** @param {import('../gateway-state.mjs').GatewayState} state @param {string} poolId @returns {PoolSettings} */
export function poolSettingsOf(state, poolId) {
  let settings = state.pools.get(poolId);
  if (!settings) {
    // A pool the gateway has not seen created (none, in practice): AWS's defaults.
    settings = settingsOnCreate({});
    state.pools.set(poolId, settings);
  }
  return settings;
}
