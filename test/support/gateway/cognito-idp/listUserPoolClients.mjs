import { pageOf } from '../paging.mjs';

/** MaxResults 1 to 60 (API reference); cognito-local pages nothing, so the gateway does. @type {import('../cognito-idp.mjs').IdpOperation} */
export async function listUserPoolClients(input, { cognitoLocal, state }) {
  const { UserPoolClients = [] } = await cognitoLocal.call('ListUserPoolClients', { UserPoolId: input.UserPoolId });
  const { page, next } = pageOf(UserPoolClients, (client) => client.ClientId, {
    size: input.MaxResults,
    token: input.NextToken,
    sizeMember: 'maxResults',
    tokenMember: 'NextToken',
    min: 1,
    max: 60,
    defaultSize: 60,
  });
  return {
    UserPoolClients: page.map(({ ClientId, UserPoolId, ClientName }) => ({ ClientId, UserPoolId, ClientName: state.clients.get(ClientId)?.ClientName ?? ClientName })),
    ...(next ? { NextToken: next } : {}),
  };
}
