import { poolSettingsOf } from './pool-settings.mjs';
import { mfaConfigOf } from './setUserPoolMfaConfig.mjs';

/** @type {import('../cognito-idp.mjs').IdpOperation} */
export async function getUserPoolMfaConfig(input, { cognitoLocal, state }) {
  await cognitoLocal.call('DescribeUserPool', { UserPoolId: input.UserPoolId });
  return mfaConfigOf(poolSettingsOf(state, input.UserPoolId));
}
