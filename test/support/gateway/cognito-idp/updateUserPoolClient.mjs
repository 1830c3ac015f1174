import { clientAfterUpdate, cognitoLocalClientInput } from './client-settings.mjs';

/**
 * Every setting the request leaves out goes back to its default (cognito-local would keep it); the ids, the secret
 * and the name stay.
 * @type {import('../cognito-idp.mjs').IdpOperation}
 */
export async function updateUserPoolClient(input, { cognitoLocal, state }) {
  const current = state.clients.get(input.ClientId) ?? (await cognitoLocal.call('DescribeUserPoolClient', { UserPoolId: input.UserPoolId, ClientId: input.ClientId })).UserPoolClient;
  const next = clientAfterUpdate(current, input);
  const { ClientId, ClientSecret, UserPoolId, CreationDate, ...settings } = next;
  // cognito-local refuses a client of another pool, and keeps its copy in step for the tokens it issues.
  await cognitoLocal.call('UpdateUserPoolClient', { UserPoolId: input.UserPoolId, ClientId: input.ClientId, ...cognitoLocalClientInput(settings) });
  state.clients.set(input.ClientId, next);
  return { UserPoolClient: next };
}
