import { pageOf } from '../paging.mjs';

/** MaxResults is required, 1 to 60 (API reference); cognito-local pages nothing, so the gateway does. @type {import('../cognito-idp.mjs').IdpOperation} */
export async function listUserPools(input, { cognitoLocal, state }) {
  const { UserPools = [] } = await cognitoLocal.call('ListUserPools', {});
  const { page, next } = pageOf(UserPools, (pool) => pool.Id, {
    size: input.MaxResults,
    token: input.NextToken,
    sizeMember: 'maxResults',
    tokenMember: 'NextToken',
    min: 1,
    max: 60,
  });
  return {
    UserPools: page.map(({ Id, Name, LambdaConfig, Status, LastModifiedDate, CreationDate }) => ({
      Id,
      Name: state.pools.get(Id)?.Name ?? Name,
      LambdaConfig,
      Status,
      LastModifiedDate,
      CreationDate,
    })),
    ...(next ? { NextToken: next } : {}),
  };
}
