import { forgetPool } from '../gateway-state.mjs';
import { AwsError } from '../wire-errors.mjs';

/**
 * Refused while deletion protection is on, in the words of the API reference ("Amazon Cognito returns an
 * InvalidParameterException error").
 * @type {import('../cognito-idp.mjs').IdpOperation}
 */
export async function deleteUserPool(input, { cognitoLocal, state }) {
  if (state.pools.get(input.UserPoolId)?.DeletionProtection === 'ACTIVE') {
    throw new AwsError(
      'InvalidParameterException',
      'The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.',
    );
  }
  const output = await cognitoLocal.call('DeleteUserPool', input);
  forgetPool(state, input.UserPoolId);
  return output;
}
