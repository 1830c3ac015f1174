import { poolSettingsOf } from './pool-settings.mjs';
import { riskKey } from './risk-configuration.mjs';

/** An app client's risk configuration, else the pool's; just the ids when none is set. @type {import('../cognito-idp.mjs').IdpOperation} */
export async function describeRiskConfiguration(input, { cognitoLocal, state }) {
  await cognitoLocal.call('DescribeUserPool', { UserPoolId: input.UserPoolId });
  if (input.ClientId !== undefined) await cognitoLocal.call('DescribeUserPoolClient', { UserPoolId: input.UserPoolId, ClientId: input.ClientId });
  const { risk } = poolSettingsOf(state, input.UserPoolId);
  const found = risk.get(riskKey(input.ClientId)) ?? risk.get('');
  return { RiskConfiguration: found ?? { UserPoolId: input.UserPoolId, ...(input.ClientId !== undefined ? { ClientId: input.ClientId } : {}) } };
}
