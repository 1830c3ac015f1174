// ADMIN_USER_PASSWORD_AUTH: the walkthrough's flow, signed with the operator's AWS credentials.
// `token --flow admin` (and `auto`, last) start it here and answer its challenges with the admin
// call; setup uses adminPasswordAuth to prove the new admin can sign in before the server is
// switched over, where a challenge means the admin is not ready yet.
import {
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { ChallengeError } from '../../errors.js';
import { stepOf, type AuthStep, type RespondToChallenge } from './challenges.js';
import type { SignInRequest, StartFlow } from './table.js';
import { tokensFromResult, type Tokens } from '../store/tokens.js';

async function adminInitiate(idp: CognitoIdentityProviderClient, request: SignInRequest): Promise<AuthStep> {
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
function adminRespond(idp: CognitoIdentityProviderClient, target: { userPoolId: string; clientId: string }): RespondToChallenge {
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

export const start: StartFlow = async (calls, request) => {
  const idp = await calls.adminClient();
  return { first: await adminInitiate(idp, request), respond: adminRespond(idp, request) };
};

/** One call, no challenges: for setup, where a challenge means the admin is not ready yet. */
export async function adminPasswordAuth(idp: CognitoIdentityProviderClient, input: SignInRequest, now: () => number): Promise<Tokens> {
  const step = await adminInitiate(idp, input);
  if (!step.result) {
    throw new ChallengeError(`the sign-in asks for ${step.challenge?.name ?? 'an unknown challenge'}`, {
      hint: 'run `mmbatch-auth login` to answer it',
    });
  }
  return tokensFromResult(step.result, now());
}
