import { AwsError } from '../wire-errors.mjs';
import { poolSettingsOf, requireOneOf } from './pool-settings.mjs';

/**
 * The pool's MFA: OFF, OPTIONAL or ON, and which factors (TOTP: SoftwareTokenMfaConfiguration). A setting the request
 * leaves out stays as it was. ON or OPTIONAL with no factor is refused, in the words Cognito uses.
 * @type {import('../cognito-idp.mjs').IdpOperation}
 */
export async function setUserPoolMfaConfig(input, { cognitoLocal, state }) {
  await cognitoLocal.call('DescribeUserPool', { UserPoolId: input.UserPoolId }); // an unknown pool: cognito-local's ResourceNotFoundException
  const settings = poolSettingsOf(state, input.UserPoolId);
  const mode = input.MfaConfiguration ?? settings.MfaConfiguration;
  requireOneOf(mode, ['OFF', 'ON', 'OPTIONAL'], 'mfaConfiguration');
  const totp = input.SoftwareTokenMfaConfiguration?.Enabled ?? settings.softwareTokenMfaEnabled;
  const sms = input.SmsMfaConfiguration ?? settings.SmsMfaConfiguration;
  const email = input.EmailMfaConfiguration ?? settings.EmailMfaConfiguration;
  if (mode !== 'OFF' && !totp && !sms?.SmsConfiguration && !email) {
    throw new AwsError('InvalidParameterException', "Invalid MFA configuration given, can't turn off all MFAs and set MFA to be ON/OPTIONAL");
  }
  Object.assign(settings, { MfaConfiguration: mode, softwareTokenMfaEnabled: Boolean(totp), SmsMfaConfiguration: sms, EmailMfaConfiguration: email });
  return mfaConfigOf(settings);
}

/** @param {import('../gateway-state.mjs').PoolSettings} settings */
export function mfaConfigOf(settings) {
  return {
    MfaConfiguration: settings.MfaConfiguration,
    SoftwareTokenMfaConfiguration: { Enabled: settings.softwareTokenMfaEnabled },
    ...(settings.SmsMfaConfiguration ? { SmsMfaConfiguration: settings.SmsMfaConfiguration } : {}),
    ...(settings.EmailMfaConfiguration ? { EmailMfaConfiguration: settings.EmailMfaConfiguration } : {}),
  };
}
