import { AwsError } from '../wire-errors.mjs';
import { poolSettingsOf } from './pool-settings.mjs';
import { checkRiskConfiguration, riskKey } from './risk-configuration.mjs';

/**
 * Stores the pool's (or one app client's) risk configuration, replacing what was there. Only a pool with threat
 * protection on (UserPoolAddOns.AdvancedSecurityMode AUDIT or ENFORCED, which needs the Plus plan) takes one:
 * otherwise UserPoolAddOnNotEnabledException, the API's error for it.
 * @type {import('../cognito-idp.mjs').IdpOperation}
 */
export async function setRiskConfiguration(input, { cognitoLocal, state }) {
  await cognitoLocal.call('DescribeUserPool', { UserPoolId: input.UserPoolId });
  if (input.ClientId !== undefined) await cognitoLocal.call('DescribeUserPoolClient', { UserPoolId: input.UserPoolId, ClientId: input.ClientId });
  const settings = poolSettingsOf(state, input.UserPoolId);
  if (settings.UserPoolAddOns.AdvancedSecurityMode === 'OFF') {
    throw new AwsError('UserPoolAddOnNotEnabledException', 'Threat protection is not active in this user pool (UserPoolAddOns.AdvancedSecurityMode is OFF).');
  }
  checkRiskConfiguration(input);
  const { UserPoolId, ClientId, CompromisedCredentialsRiskConfiguration, AccountTakeoverRiskConfiguration, RiskExceptionConfiguration } = input;
  const stored = {
    UserPoolId,
    ...(ClientId !== undefined ? { ClientId } : {}),
    ...(CompromisedCredentialsRiskConfiguration ? { CompromisedCredentialsRiskConfiguration } : {}),
    ...(AccountTakeoverRiskConfiguration ? { AccountTakeoverRiskConfiguration } : {}),
    ...(RiskExceptionConfiguration ? { RiskExceptionConfiguration } : {}),
    LastModifiedDate: Date.now() / 1000,
  };
  settings.risk.set(riskKey(ClientId), stored);
  return { RiskConfiguration: stored };
}
