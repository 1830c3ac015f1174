import { forgetPool, domainsOf } from '../gateway-state.mjs';
import { AwsError } from '../wire-errors.mjs';

/**
 * Refused while deletion protection is on, in the words of the API reference ("Amazon Cognito returns an
 * InvalidParameterException error"), and while the pool has a domain, in the words AWS answers then (quoted in
 * terraform-provider-aws#16479 and aws-nuke#330).
 * @type {import('../cognito-idp.mjs').IdpOperation}
 */
export async function deleteUserPool(input, { cognitoLocal, state }) {
  if (state.pools.get(input.UserPoolId)?.DeletionProtection === 'ACTIVE') {
    throw new AwsError(
      'InvalidParameterException',
      'The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.',
    );
  }
  if (domainsOf(state, input.UserPoolId).length) {
    throw new AwsError('InvalidParameterException', 'User pool cannot be deleted. It has a domain configured that should be deleted first.');
  }
  const output = await cognitoLocal.call('DeleteUserPool', input);
  forgetPool(state, input.UserPoolId);
  return output;
}
