import { domainsOf } from '../gateway-state.mjs';
import { describedPool } from './pool-settings.mjs';

/** cognito-local's pool with the gateway's settings, its domains and Cognito's defaults on top. @type {import('../cognito-idp.mjs').IdpOperation} */
export async function describeUserPool(input, { cognitoLocal, state }) {
  const { UserPool } = await cognitoLocal.call('DescribeUserPool', input);
  const domains = domainsOf(state, input.UserPoolId);
  const prefix = domains.find((domain) => !domain.custom)?.Domain;
  const custom = domains.find((domain) => domain.custom)?.Domain;
  return { UserPool: { ...describedPool(UserPool, state.pools.get(input.UserPoolId)), ...(prefix ? { Domain: prefix } : {}), ...(custom ? { CustomDomain: custom } : {}) } };
}
