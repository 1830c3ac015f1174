// Answers to NEW_PASSWORD_REQUIRED. cognito-local neither checks the new password against the pool's policy nor
// remembers the refresh token it then hands out (a later REFRESH_TOKEN_AUTH would be refused), so the gateway checks
// the password first and, once it is set, signs in again with it to get tokens cognito-local will renew.
import { requirePolicyCompliantPassword } from './password-policy.mjs';
import { missingParameter, requireAppClient, withTokenDetails } from './sign-in-rules.mjs';

/**
 * @param {{
 *   cognitoLocal: import('./sign-in-rules.mjs').CognitoLocal,
 *   store: import('./sign-in-rules.mjs').Store,
 *   completeSignIn: import('./sign-in-rules.mjs').CompleteSignIn,
 * }} deps
 */
export function createNewPasswordAnswer({ cognitoLocal, store, completeSignIn }) {
  /** @param {Record<string, any>} input a RespondToAuthChallenge request (the admin variant without its UserPoolId) */
  return async function answerNewPassword(input) {
    const client = await requireAppClient(store, input.ClientId);
    const { USERNAME: username, NEW_PASSWORD: newPassword } = input.ChallengeResponses ?? {};
    if (!newPassword) throw missingParameter('NEW_PASSWORD');
    await requirePolicyCompliantPassword(store, client.UserPoolId, newPassword);
    const output = await cognitoLocal.call('RespondToAuthChallenge', input);
    const user = output.AuthenticationResult ? await store.findUser(client.UserPoolId, username ?? '') : undefined;
    // With the new password set, the sign-in goes on: MFA, if due, then tokens.
    return user ? completeSignIn(client, user) : withTokenDetails(output);
  };
}
