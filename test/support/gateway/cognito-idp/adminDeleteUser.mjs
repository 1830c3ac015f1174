import { mfaKey } from '../gateway-state.mjs';

/** A deleted user's MFA goes with them. @type {import('../cognito-idp.mjs').IdpOperation} */
export async function adminDeleteUser(input, { cognitoLocal, state, store }) {
  const user = await store.findUser(input.UserPoolId ?? '', input.Username ?? '');
  const output = await cognitoLocal.call('AdminDeleteUser', input);
  if (user) state.mfa.delete(mfaKey(input.UserPoolId, user.Username));
  return output;
}
