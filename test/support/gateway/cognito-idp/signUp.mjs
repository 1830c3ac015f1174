import { requirePolicyCompliantPassword } from '../password-policy.mjs';
import { requireAppClient } from '../sign-in-rules.mjs';
import { AwsError } from '../wire-errors.mjs';

/**
 * Self-registration: refused when the pool lets only administrators create users (AllowAdminCreateUserOnly), in
 * Cognito's words; the password must meet the pool's policy. cognito-local checks neither.
 * @type {import('../cognito-idp.mjs').IdpOperation}
 */
export async function signUp(input, { cognitoLocal, store }) {
  const client = await requireAppClient(store, input.ClientId);
  const options = await store.poolOptions(client.UserPoolId);
  if (options?.AdminCreateUserConfig?.AllowAdminCreateUserOnly) {
    throw new AwsError('NotAuthorizedException', 'SignUp is not permitted for this user pool');
  }
  await requirePolicyCompliantPassword(store, client.UserPoolId, input.Password);
  return cognitoLocal.call('SignUp', input);
}
