import { withTokenDetails } from '../sign-in-rules.mjs';

/**
 * The answers the gateway handles itself: SRP's PASSWORD_VERIFIER, NEW_PASSWORD_REQUIRED (policy checked) and the
 * MFA challenges; anything else goes to cognito-local.
 * @type {import('../cognito-idp.mjs').IdpOperation}
 */
export async function respondToAuthChallenge(input, deps, poolId) {
  const { signIn, cognitoLocal } = deps;
  if (input.ChallengeName === 'PASSWORD_VERIFIER') return signIn.srp.answer(input);
  if (input.ChallengeName === 'NEW_PASSWORD_REQUIRED') return signIn.newPassword(input);
  if (input.ChallengeName === 'SOFTWARE_TOKEN_MFA' || input.ChallengeName === 'MFA_SETUP') return signIn.mfa.answer(input, poolId);
  return withTokenDetails(await cognitoLocal.call('RespondToAuthChallenge', input));
}
