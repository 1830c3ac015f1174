import { AwsError } from '../wire-errors.mjs';

/**
 * cognito-local finds the client (or says it cannot); the gateway answers with its AWS view. A client of a deleted
 * pool is gone with it on AWS, while cognito-local keeps it in its clients file: the pool must still exist.
 * @type {import('../cognito-idp.mjs').IdpOperation}
 */
export async function describeUserPoolClient(input, { cognitoLocal, state }) {
  try {
    await cognitoLocal.call('DescribeUserPool', { UserPoolId: input.UserPoolId });
  } catch {
    throw new AwsError('ResourceNotFoundException', `User pool ${input.UserPoolId} does not exist.`);
  }
  const { UserPoolClient } = await cognitoLocal.call('DescribeUserPoolClient', input);
  return { UserPoolClient: state.clients.get(input.ClientId) ?? UserPoolClient };
}
