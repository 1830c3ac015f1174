// cognito-idp: everything goes to cognito-local, except the operations the gateway answers more like real Cognito.
import { randomUUID } from 'node:crypto';
import { AwsError } from './wire-errors.mjs';
import { createDeletionProtection } from './deletion-protection.mjs';
import { createGroupChecks } from './groups.mjs';
import { createNewPasswordAnswer } from './new-password-challenge.mjs';
import { createPasswordPolicyChecks } from './password-policy.mjs';
import { createPasswordSignIn } from './password-sign-in.mjs';
import { withTokenDetails } from './sign-in-rules.mjs';
import { createSrpSignIn } from './srp-sign-in.mjs';

/** @typedef {import('./wire-errors.mjs').WireResponse} WireResponse */

/**
 * @param {{ cognitoLocal: import('./sign-in-rules.mjs').CognitoLocal, store: import('./sign-in-rules.mjs').Store }} deps
 * @returns {(operation: string, input: Record<string, any>) => Promise<WireResponse>}
 */
export function createCognitoIdpHandler({ cognitoLocal, store }) {
  const srp = createSrpSignIn({ cognitoLocal, store });
  const signInWithPassword = createPasswordSignIn({ cognitoLocal, store });
  const answerNewPassword = createNewPasswordAnswer({ cognitoLocal, store });
  /** Forwarded, with the token details cognito-local leaves out. @param {string} operation @param {object} input */
  const forwardSignIn = async (operation, input) => withTokenDetails(await cognitoLocal.call(operation, input));

  /** @type {Record<string, (input: Record<string, any>) => Promise<object>>} */
  const intercepts = {
    ...createDeletionProtection(cognitoLocal),
    ...createGroupChecks({ cognitoLocal, store }),
    ...createPasswordPolicyChecks({ cognitoLocal, store }),

    InitiateAuth(input) {
      if (input.AuthFlow === 'USER_SRP_AUTH') return srp.initiate(input);
      if (input.AuthFlow === 'USER_PASSWORD_AUTH') return signInWithPassword(input, input.AuthFlow);
      return forwardSignIn('InitiateAuth', input);
    },
    AdminInitiateAuth(input) {
      if (input.AuthFlow === 'ADMIN_USER_PASSWORD_AUTH' || input.AuthFlow === 'ADMIN_NO_SRP_AUTH') {
        return signInWithPassword(input, input.AuthFlow);
      }
      return forwardSignIn('AdminInitiateAuth', input);
    },
    RespondToAuthChallenge(input) {
      if (input.ChallengeName === 'PASSWORD_VERIFIER') return srp.answer(input);
      if (input.ChallengeName === 'NEW_PASSWORD_REQUIRED') return answerNewPassword(input);
      return forwardSignIn('RespondToAuthChallenge', input);
    },
    // cognito-local has no admin variant; the user-side one does the same work (it ignores the pool id).
    AdminRespondToAuthChallenge({ UserPoolId, ...input }) {
      return intercepts.RespondToAuthChallenge(input);
    },
  };

  return async (operation, input) => {
    const intercept = intercepts[operation];
    if (!intercept) return forwardOrExplainCrash(cognitoLocal, operation, input);
    return {
      status: 200,
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID() },
      body: JSON.stringify(await intercept(input)),
    };
  };
}

/**
 * cognito-local answers an unexpected exception with HTTP 500 and `{}`, which the SDK can only call UnknownError.
 * @param {import('./sign-in-rules.mjs').CognitoLocal} cognitoLocal @param {string} operation @param {object} input
 */
async function forwardOrExplainCrash(cognitoLocal, operation, input) {
  const response = await cognitoLocal.forward(operation, input);
  if (response.status < 500 || response.body.includes('"__type"')) return response;
  throw new AwsError('InternalErrorException', `cognito-local failed on ${operation} (see cognito-local.log in the stack's dataDir)`, 500);
}
