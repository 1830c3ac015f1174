import { describedPool } from './pool-settings.mjs';

/** cognito-local's pool with the gateway's settings and Cognito's defaults on top. @type {import('../cognito-idp.mjs').IdpOperation} */
export async function describeUserPool(input, { cognitoLocal, state }) {
  const { UserPool } = await cognitoLocal.call('DescribeUserPool', input);
  return { UserPool: describedPool(UserPool, state.pools.get(input.UserPoolId)) };
}
