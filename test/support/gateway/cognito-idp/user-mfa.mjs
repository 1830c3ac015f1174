// A user's TOTP MFA as the gateway keeps it, and how Cognito reports and changes it.
import { mfaKey } from '../gateway-state.mjs';
import { totpActive } from '../mfa-sign-in.mjs';
import { AwsError } from '../wire-errors.mjs';

/** @typedef {import('../gateway-state.mjs').GatewayState} GatewayState */
/** @typedef {import('../gateway-state.mjs').UserMfa} UserMfa */

/** @param {GatewayState} state @param {string} poolId @param {string} username @returns {UserMfa} */
export function userMfa(state, poolId, username) {
  const key = mfaKey(poolId, username);
  let mfa = state.mfa.get(key);
  if (!mfa) {
    mfa = { secret: undefined, pending: undefined, enabled: false, preferred: false, FriendlyDeviceName: undefined };
    state.mfa.set(key, mfa);
  }
  return mfa;
}

/**
 * What AdminGetUser and GetUser say of the user's MFA (left out while there is none).
 * @param {GatewayState} state @param {string} poolId @param {string} username
 */
export function mfaSettingsOf(state, poolId, username) {
  if (!totpActive(state, poolId, username)) return {};
  const preferred = state.mfa.get(mfaKey(poolId, username))?.preferred;
  return { UserMFASettingList: ['SOFTWARE_TOKEN_MFA'], ...(preferred ? { PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA' } : {}) };
}

/**
 * SetUserMFAPreference / AdminSetUserMFAPreference's SoftwareTokenMfaSettings: TOTP can be turned on only once a
 * token is verified.
 * @param {UserMfa} mfa @param {{ Enabled?: boolean, PreferredMfa?: boolean } | undefined} settings
 */
export function applyTotpPreference(mfa, settings) {
  if (!settings) return;
  if (settings.Enabled && !mfa.secret) throw new AwsError('InvalidParameterException', 'User has not verified software token mfa');
  if (settings.Enabled !== undefined) mfa.enabled = settings.Enabled;
  if (settings.PreferredMfa !== undefined) mfa.preferred = settings.PreferredMfa;
  if (!mfa.enabled) mfa.preferred = false;
}

/**
 * Only pools with software token MFA turned on (SetUserPoolMfaConfig) hand out or verify tokens; the developer
 * guide words the refusal.
 * @param {GatewayState} state @param {string} poolId
 */
export function requirePoolTotp(state, poolId) {
  if (!state.pools.get(poolId)?.softwareTokenMfaEnabled) {
    throw new AwsError('SoftwareTokenMFANotFoundException', 'Software Token MFA has not been enabled by the userPool.');
  }
}

/** The request names the user by access token or by session, not both. @param {Record<string, any>} input */
export function requireTokenOrSession(input) {
  if (Boolean(input.AccessToken) === Boolean(input.Session)) {
    throw new AwsError('InvalidParameterException', 'Provide either an AccessToken or a Session, not both.');
  }
}
