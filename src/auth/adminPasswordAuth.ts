// ADMIN_USER_PASSWORD_AUTH: the walkthrough's flow, signed with the operator's AWS credentials.
// setup uses adminPasswordAuth to prove the new admin can sign in before the server is switched
// over; `token --flow admin` uses adminPasswordSignIn, which leaves challenges to its caller.
import {
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { ChallengeError } from '../errors.js';
import { stepOf, type AuthStep, type RespondToChallenge } from './challenges.js';
import type { SignInRequest } from './passwordSignIn.js';
import { tokensFromResult, type Tokens } from './tokens.js';

export async function adminPasswordSignIn(idp: CognitoIdentityProviderClient, request: SignInRequest): Promise<AuthStep> {
  const response = await idp.send(
    new AdminInitiateAuthCommand({
      UserPoolId: request.userPoolId,
      ClientId: request.clientId,
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: request.username, PASSWORD: request.password },
    }),
  );
  return stepOf(response);
}

/** Challenges of the admin flow are answered with the admin call (signed, naming the pool). */
export function adminRespond(idp: CognitoIdentityProviderClient, target: { userPoolId: string; clientId: string }): RespondToChallenge {
  return async (name, responses, session) =>
    stepOf(
      await idp.send(
        new AdminRespondToAuthChallengeCommand({
          UserPoolId: target.userPoolId,
          ClientId: target.clientId,
          ChallengeName: name as never,
          ChallengeResponses: responses,
          Session: session,
        }),
      ),
    );
}

/** One call, no challenges: for setup, where a challenge means the admin is not ready yet. */
export async function adminPasswordAuth(
  idp: CognitoIdentityProviderClient,
  input: { userPoolId: string; clientId: string; username: string; password: string },
  now: () => number,
): Promise<Tokens> {
  const step = await adminPasswordSignIn(idp, input);
  if (!step.result) {
    throw new ChallengeError(`the sign-in asks for ${step.challenge?.name ?? 'an unknown challenge'}`, {
      hint: 'run `mmbatch-auth login` to answer it',
    });
  }
  return tokensFromResult(step.result, now());
}
