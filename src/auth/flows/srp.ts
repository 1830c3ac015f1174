// USER_SRP_AUTH: the password never leaves the machine, and no AWS credentials are needed, so it is
// the default on compute nodes. cognito-srp-helper does the SRP-6a maths (with its modular
// exponentiations routed to OpenSSL while it runs: ../srp/modPow.ts); the client's half (A and the
// timestamp, without Intl or jsbn) is ../srp/session.ts; we make the two calls.
//
// The helper, jsbn and crypto-js take about 12 ms to load and set up, and only the second call
// needs them: they are loaded once the first request has left, while Cognito answers it.
import { AuthError } from '../../errors.js';
import { stepOf, userRespond } from './challenges.js';
import type { StartFlow } from './table.js';
import { createSrpSession } from '../srp/session.js';
import { usableServerKey } from '../srp/serverKey.js';
import { loadSrpMaths } from '../srp/loadMaths.js';

const ignore = (): void => undefined;

export const start: StartFlow = async (calls, request) => {
  const respond = userRespond(calls, request.clientId);
  // The password is not pre-hashed: pools that sign in by e-mail hash the internal username, which
  // only Cognito's answer (USER_ID_FOR_SRP) tells us.
  const session = createSrpSession(request.username, request.password, request.userPoolId);
  let sent: () => void = ignore;
  const requestLeft = new Promise<void>((resolve) => (sent = resolve));
  const initiated = calls.initiateAuth(
    { ClientId: request.clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: request.username, CHALLENGE_NAME: 'SRP_A', SRP_A: session.largeA } },
    sent,
  );
  // Not before the request has left (a synchronous load would hold it back), else once the answer
  // is in (a retried first attempt never says it left); never for a call that failed first.
  const maths = Promise.race([requestLeft, initiated.then(ignore)]).then(loadSrpMaths);
  const [{ signSrpSession, withOpensslModPow, wrapAuthChallenge }, challenge] = await Promise.all([maths, initiated]);
  if (challenge.ChallengeName !== 'PASSWORD_VERIFIER') return { first: stepOf(challenge), respond };
  let signed;
  try {
    if (!usableServerKey(challenge.ChallengeParameters?.SRP_B)) throw new Error('SRP_B is missing, not hex, or 0 mod N');
    signed = withOpensslModPow(() => signSrpSession(session, challenge));
  } catch (error) {
    // A malformed or degenerate answer (B = 0 mod N, no salt) must end the sign-in, never be signed.
    throw new AuthError(`authentication failed: Cognito's SRP answer is unusable (${(error as Error).message})`, { cause: error });
  }
  const userIdForSrp = challenge.ChallengeParameters?.USER_ID_FOR_SRP ?? request.username;
  const answer = await calls.respondToAuthChallenge(
    wrapAuthChallenge(signed, {
      ClientId: request.clientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeResponses: { USERNAME: userIdForSrp },
      Session: challenge.Session,
    }),
  );
  return { first: stepOf(answer), respond };
};
