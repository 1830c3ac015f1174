// USER_SRP_AUTH: the password never leaves the machine, and no AWS credentials are needed, so it is
// the default on compute nodes. The SRP-6a maths are ../srp/cognitoSrp.ts; we make the two calls.
import { AuthError } from '../../errors.js';
import { stepOf, userRespond } from './challenges.js';
import type { StartFlow } from './table.js';
import { answerPasswordVerifier, startSrp } from '../srp/cognitoSrp.js';

export const start: StartFlow = async (calls, request) => {
  const respond = userRespond(calls, request.clientId);
  // The password is not pre-hashed: pools that sign in by e-mail hash the internal username, which
  // only Cognito's answer (USER_ID_FOR_SRP) tells us.
  const srp = startSrp();
  const challenge = await calls.initiateAuth({
    ClientId: request.clientId,
    AuthFlow: 'USER_SRP_AUTH',
    AuthParameters: { USERNAME: request.username, CHALLENGE_NAME: 'SRP_A', SRP_A: srp.srpA },
  });
  if (challenge.ChallengeName !== 'PASSWORD_VERIFIER') return { first: stepOf(challenge), respond };
  let claim;
  try {
    claim = answerPasswordVerifier(srp, challenge.ChallengeParameters ?? {}, request.userPoolId, request.password);
  } catch (error) {
    // A malformed or degenerate answer (B = 0 mod N, no salt) must end the sign-in, never be signed.
    throw new AuthError(`authentication failed: Cognito's SRP answer is unusable (${(error as Error).message})`, { cause: error });
  }
  const answer = await calls.respondToAuthChallenge({
    ClientId: request.clientId,
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeResponses: { USERNAME: challenge.ChallengeParameters!.USER_ID_FOR_SRP!, ...claim },
    Session: challenge.Session,
  });
  return { first: stepOf(answer), respond };
};
