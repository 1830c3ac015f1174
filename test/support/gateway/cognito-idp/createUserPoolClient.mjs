import { clientSettingsFrom, clientView, cognitoLocalClientInput } from './client-settings.mjs';

/**
 * With Cognito's defaults for what the request leaves out (PreventUserExistenceErrors LEGACY, token revocation on,
 * token validity), which cognito-local leaves empty.
 * @type {import('../cognito-idp.mjs').IdpOperation}
 */
export async function createUserPoolClient(input, { cognitoLocal, state }) {
  const settings = clientSettingsFrom(input, 'create');
  const { UserPoolClient } = await cognitoLocal.call('CreateUserPoolClient', {
    UserPoolId: input.UserPoolId,
    ClientName: input.ClientName,
    GenerateSecret: input.GenerateSecret,
    ...cognitoLocalClientInput(settings),
  });
  const view = clientView(UserPoolClient, settings);
  state.clients.set(view.ClientId, view);
  return { UserPoolClient: view };
}
