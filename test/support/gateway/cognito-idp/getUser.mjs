import { mfaSettingsOf } from './user-mfa.mjs';

/** The signed-in user; the access token is checked as Cognito checks it (cognito-local only decodes it). @type {import('../cognito-idp.mjs').IdpOperation} */
export async function getUser(input, { cognitoLocal, state, tokens }) {
  const { poolId } = await tokens.verify(input.AccessToken);
  const output = await cognitoLocal.call('GetUser', input);
  const { UserMFASettingList, PreferredMfaSetting, ...user } = output;
  return { ...user, ...mfaSettingsOf(state, poolId, output.Username) };
}
