import { AwsError } from '../wire-errors.mjs';
import { applyTotpPreference, userMfa } from './user-mfa.mjs';

/** As SetUserMFAPreference, for a user an administrator names. @type {import('../cognito-idp.mjs').IdpOperation} */
export async function adminSetUserMFAPreference(input, { cognitoLocal, state, store }) {
  await cognitoLocal.call('DescribeUserPool', { UserPoolId: input.UserPoolId });
  const user = await store.findUser(input.UserPoolId, input.Username ?? '');
  if (!user) throw new AwsError('UserNotFoundException', 'User does not exist.');
  applyTotpPreference(userMfa(state, input.UserPoolId, user.Username), input.SoftwareTokenMfaSettings);
  return {};
}
