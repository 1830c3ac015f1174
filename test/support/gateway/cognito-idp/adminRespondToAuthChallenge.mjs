import { respondToAuthChallenge } from './respondToAuthChallenge.mjs';

/** cognito-local has no admin variant; the user-side one does the same work, with the pool the call names. @type {import('../cognito-idp.mjs').IdpOperation} */
export async function adminRespondToAuthChallenge({ UserPoolId, ...input }, deps) {
  return respondToAuthChallenge(input, deps, UserPoolId);
}
