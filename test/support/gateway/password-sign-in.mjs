// USER_PASSWORD_AUTH and ADMIN_USER_PASSWORD_AUTH with Cognito's checks in front of cognito-local's:
// the client's allowed flows, disabled users, and the real error for a wrong password or an unknown user.
import {
  incorrectCredentials,
  missingParameter,
  requireAppClient,
  requireFlowEnabled,
  requireSecretHash,
  userNotFound,
} from './sign-in-rules.mjs';

/**
 * @param {{ store: import('./sign-in-rules.mjs').Store, completeSignIn: import('./sign-in-rules.mjs').CompleteSignIn }} deps
 */
export function createPasswordSignIn({ store, completeSignIn }) {
  /**
   * @param {Record<string, any>} input an InitiateAuth or AdminInitiateAuth request
   * @param {'USER_PASSWORD_AUTH' | 'ADMIN_USER_PASSWORD_AUTH' | 'ADMIN_NO_SRP_AUTH'} flow
   */
  return async function signInWithPassword(input, flow) {
    const isAdmin = flow !== 'USER_PASSWORD_AUTH';
    if (isAdmin && !input.UserPoolId) throw missingParameter('UserPoolId');
    const client = await requireAppClient(store, input.ClientId, isAdmin ? input.UserPoolId : undefined);
    requireFlowEnabled(client, flow);
    const { USERNAME: username, PASSWORD: password, SECRET_HASH: secretHash } = input.AuthParameters ?? {};
    if (!username) throw missingParameter('USERNAME');
    if (!password) throw missingParameter('PASSWORD');
    requireSecretHash(client, username, secretHash);

    const user = await store.findUser(client.UserPoolId, username);
    if (!user) throw userNotFound(client);
    if (user.Password !== password) throw incorrectCredentials();
    return completeSignIn(client, user);
  };
}
