import { AwsError } from '../wire-errors.mjs';
import { poolSettingsOf, requireOneOf } from './pool-settings.mjs';

/**
 * The pool's MFA: OFF, OPTIONAL or ON, its factors (TOTP, SMS, email) and passkeys (WebAuthn). Like every Cognito
 * Set/Update operation, what the request leaves out goes back to its default (MFA OFF, no factor), with AWS's
 * refusals, in Cognito's words: ON or OPTIONAL with no factor; OFF beside a factor (WebAuthn is not one); and a
 * request that would drop SMS from a pool whose SMS is set up.
 * @type {import('../cognito-idp.mjs').IdpOperation}
 */
export async function setUserPoolMfaConfig(input, { cognitoLocal, state }) {
  await cognitoLocal.call('DescribeUserPool', { UserPoolId: input.UserPoolId }); // an unknown pool: cognito-local's ResourceNotFoundException
  const settings = poolSettingsOf(state, input.UserPoolId);
  const mode = input.MfaConfiguration ?? 'OFF';
  requireOneOf(mode, ['OFF', 'ON', 'OPTIONAL'], 'mfaConfiguration');
  const factorNamed = input.SoftwareTokenMfaConfiguration || input.SmsMfaConfiguration || input.EmailMfaConfiguration;
  if (mode === 'OFF' && factorNamed) {
    throw new AwsError('InvalidParameterException', "Invalid MFA configuration given, can't turn off MFA and configure an MFA together.");
  }
  // The SMS sending setup is the pool's (UpdateUserPool's SmsConfiguration too): MFA OFF leaves it, only a factor list without SMS is refused.
  const smsSetUp = settings.SmsMfaConfiguration?.SmsConfiguration ? settings.SmsMfaConfiguration : undefined;
  if (mode !== 'OFF' && smsSetUp && !input.SmsMfaConfiguration) {
    throw new AwsError('InvalidParameterException', "Can't turn off SMS_MFA when SMS configuration is set for the user pool");
  }
  const totp = input.SoftwareTokenMfaConfiguration?.Enabled === true;
  const sms = mode === 'OFF' ? smsSetUp : input.SmsMfaConfiguration;
  const email = input.EmailMfaConfiguration;
  if (mode !== 'OFF' && !totp && !sms?.SmsConfiguration && !email) {
    throw new AwsError('InvalidParameterException', "Invalid MFA configuration given, can't turn off all MFAs and set MFA to be ON/OPTIONAL");
  }
  Object.assign(settings, { MfaConfiguration: mode, softwareTokenMfaEnabled: totp, SmsMfaConfiguration: sms, EmailMfaConfiguration: email, WebAuthnConfiguration: input.WebAuthnConfiguration });
  return mfaConfigOf(settings);
}

/** @param {import('../gateway-state.mjs').PoolSettings} settings */
export function mfaConfigOf(settings) {
  return {
    MfaConfiguration: settings.MfaConfiguration,
    SoftwareTokenMfaConfiguration: { Enabled: settings.softwareTokenMfaEnabled },
    ...(settings.SmsMfaConfiguration ? { SmsMfaConfiguration: settings.SmsMfaConfiguration } : {}),
    ...(settings.EmailMfaConfiguration ? { EmailMfaConfiguration: settings.EmailMfaConfiguration } : {}),
    ...(settings.WebAuthnConfiguration ? { WebAuthnConfiguration: settings.WebAuthnConfiguration } : {}),
  };
}
