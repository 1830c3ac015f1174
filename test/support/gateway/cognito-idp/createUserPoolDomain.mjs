import { AwsError } from '../wire-errors.mjs';

/**
 * cognito-local has no domains: the gateway keeps them, so DescribeUserPool can name them and DeleteUserPool can
 * refuse a pool that has one, as AWS does. A domain is unique across AWS (here: across the stack); CustomDomainConfig
 * makes it the pool's custom domain (DescribeUserPool's CustomDomain), else it is its prefix domain (Domain).
 * @type {import('../cognito-idp.mjs').IdpOperation}
 */
export async function createUserPoolDomain(input, { cognitoLocal, state }) {
  await cognitoLocal.call('DescribeUserPool', { UserPoolId: input.UserPoolId }); // ResourceNotFoundException for a pool that is not there
  if (!input.Domain) throw new AwsError('InvalidParameterException', "1 validation error detected: Value null at 'domain' failed to satisfy constraint: Member must not be null");
  if (state.domains.has(input.Domain)) throw new AwsError('InvalidParameterException', 'Domain already associated with another user pool.');
  const custom = Boolean(input.CustomDomainConfig);
  state.domains.set(input.Domain, { UserPoolId: input.UserPoolId, custom });
  return custom ? { CloudFrontDomain: `${input.Domain.replace(/\W/g, '')}.cloudfront.net` } : {};
}
