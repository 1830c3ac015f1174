import { mfaSettingsOf } from './user-mfa.mjs';

/** cognito-local's user, with the MFA the gateway keeps (UserMFASettingList, PreferredMfaSetting). @type {import('../cognito-idp.mjs').IdpOperation} */
export async function adminGetUser(input, { cognitoLocal, state }) {
  const output = await cognitoLocal.call('AdminGetUser', input);
  const { UserMFASettingList, PreferredMfaSetting, ...user } = output;
  return { ...user, ...mfaSettingsOf(state, input.UserPoolId, output.Username) };
}
