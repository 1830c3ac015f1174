// After the password is proven Cognito may ask for more before it hands out tokens: a new password
// (a first sign-in with the e-mailed temporary one), a one-time MFA code, or (in a pool that
// requires MFA) the set-up of an authenticator app. Every flow answers them the same way; only the
// call that carries the answer differs (user or admin variant).
import { AuthError, ChallengeError, UsageError } from '../../errors.js';
import { isAwsCode } from '../../aws/errors.js';
import type { CredentialSources } from '../secrets.js';
import type { AuthAnswer, SignInCalls } from '../cognito/calls.js';
import type { AuthenticationResultLike } from '../store/tokens.js';

export interface AuthStep {
  result?: AuthenticationResultLike;
  challenge?: { name: string; session?: string; parameters: Record<string, string> };
}

/** Sends one challenge answer (RespondToAuthChallenge or its admin twin). */
export type RespondToChallenge = (name: string, responses: Record<string, string>, session: string | undefined) => Promise<AuthStep>;

/** Cognito's answer (user or admin variant, from our client or the SDK's) as tokens or the next challenge. */
export function stepOf(response: AuthAnswer): AuthStep {
  if (response.AuthenticationResult?.AccessToken) return { result: response.AuthenticationResult };
  return {
    challenge: {
      name: response.ChallengeName ?? 'UNKNOWN',
      session: response.Session,
      parameters: response.ChallengeParameters ?? {},
    },
  };
}

/** Challenges of the user flows are answered with RespondToAuthChallenge (unsigned). */
export function userRespond(calls: SignInCalls, clientId: string): RespondToChallenge {
  return async (name, responses, session) =>
    stepOf(await calls.respondToAuthChallenge({ ClientId: clientId, ChallengeName: name, ChallengeResponses: responses, Session: session }));
}

/** Cognito never chains more than a few; a loop that does not end is a bug, not a sign-in. */
const MAX_CHALLENGES = 5;

export interface Answered {
  result: AuthenticationResultLike;
  /** An authenticator app was set up on the way (MFA_SETUP): the caller makes TOTP the user's preferred factor. */
  enrolledTotp: boolean;
}

export async function answerChallenges(
  first: AuthStep,
  respond: RespondToChallenge,
  username: string,
  secrets: CredentialSources,
  calls: SignInCalls,
): Promise<Answered> {
  let step = first;
  let enrolledTotp = false;
  for (let answered = 0; !step.result; answered++) {
    const challenge = step.challenge!;
    if (answered >= MAX_CHALLENGES) throw new ChallengeError(`the sign-in kept asking for ${challenge.name}`);
    // Cognito names the user by its internal username from here on; answers must use it.
    const user = challenge.parameters.USER_ID_FOR_SRP || challenge.parameters.USERNAME || username;
    if (challenge.name === 'MFA_SETUP') enrolledTotp = true;
    step = await answerOne(challenge, user, username, respond, secrets, calls);
  }
  return { result: step.result!, enrolledTotp };
}

/**
 * MFA_SETUP: the pool requires MFA and the user has none. TOTP is set up inside the challenge:
 * AssociateSoftwareToken with its session (a secret for the app), VerifySoftwareToken with the
 * app's first code, then MFA_SETUP answered with the session that verification returns.
 */
async function setUpTotp(
  challenge: NonNullable<AuthStep['challenge']>,
  user: string,
  username: string,
  respond: RespondToChallenge,
  secrets: CredentialSources,
  calls: SignInCalls,
): Promise<AuthStep> {
  const offered = parseList(challenge.parameters.MFAS_CAN_SETUP);
  if (offered.length && !offered.includes('SOFTWARE_TOKEN_MFA')) {
    throw new ChallengeError(`the sign-in of ${username} asks to set up ${offered.join(' or ')}, and mmbatch-auth sets up only an authenticator app (TOTP)`, {
      hint: 'turn TOTP on for the pool (`mmbatch-auth setup --mfa required` does), then try again',
    });
  }
  let session = challenge.session;
  const code = await secrets.enrolAuthenticator(username, async () => {
    const associated = await calls.associateSoftwareToken({ Session: session! });
    session = associated.Session ?? session;
    if (!associated.SecretCode) throw new ChallengeError('Cognito handed out no TOTP secret');
    return associated.SecretCode;
  });
  const verified = await verifyFirstCode(calls, { Session: session!, UserCode: code });
  return respond('MFA_SETUP', { USERNAME: user }, verified.Session ?? session);
}

/** VerifySoftwareToken, with a wrong code reported as an authentication failure (exit 3). */
export async function verifyFirstCode(calls: SignInCalls, input: Parameters<SignInCalls['verifySoftwareToken']>[0]) {
  let verified;
  try {
    verified = await calls.verifySoftwareToken({ FriendlyDeviceName: 'mmbatch-auth', ...input });
  } catch (error) {
    if (isAwsCode(error, 'EnableSoftwareTokenMFAException', 'CodeMismatchException')) {
      throw new AuthError('the code does not match the authenticator app: nothing was changed', {
        hint: "check the phone's clock, wait for the next code and try again",
        cause: error,
      });
    }
    throw error;
  }
  if (verified.Status === 'ERROR') throw new AuthError('Cognito did not accept the code from the authenticator app', { hint: 'wait for the next code and try again' });
  return verified;
}

async function answerOne(
  challenge: NonNullable<AuthStep['challenge']>,
  user: string,
  username: string,
  respond: RespondToChallenge,
  secrets: CredentialSources,
  calls: SignInCalls,
): Promise<AuthStep> {
  const send = (responses: Record<string, string>) => respond(challenge.name, { USERNAME: user, ...responses }, challenge.session);
  switch (challenge.name) {
    case 'NEW_PASSWORD_REQUIRED': {
      const required = parseList(challenge.parameters.requiredAttributes);
      if (required.length) {
        throw new ChallengeError(`the first sign-in of ${username} also asks for ${required.join(', ')}`, {
          hint: 'set those attributes with `aws cognito-idp admin-update-user-attributes`, then try again',
        });
      }
      const newPassword = await secrets.newPassword(username);
      try {
        return await send({ NEW_PASSWORD: newPassword });
      } catch (error) {
        if (isAwsCode(error, 'InvalidPasswordException')) {
          throw new UsageError('the new password does not meet the user pool\'s password policy', { cause: error });
        }
        throw error;
      }
    }
    case 'SOFTWARE_TOKEN_MFA':
    case 'SMS_MFA':
    case 'EMAIL_OTP': {
      const code = await secrets.mfaCode(challenge.name);
      const field = { SOFTWARE_TOKEN_MFA: 'SOFTWARE_TOKEN_MFA_CODE', SMS_MFA: 'SMS_MFA_CODE', EMAIL_OTP: 'EMAIL_OTP_CODE' }[challenge.name];
      try {
        return await send({ [field]: code });
      } catch (error) {
        if (isAwsCode(error, 'CodeMismatchException', 'ExpiredCodeException')) {
          throw new AuthError('authentication failed: the one-time code is wrong or has expired', { cause: error });
        }
        throw error;
      }
    }
    case 'MFA_SETUP':
      return setUpTotp(challenge, user, username, respond, secrets, calls);
    case 'SELECT_MFA_TYPE': {
      // An authenticator app works without a phone signal; prefer it when the user has one.
      const choices = parseList(challenge.parameters.MFAS_CAN_CHOOSE);
      const answer = choices.includes('SOFTWARE_TOKEN_MFA') ? 'SOFTWARE_TOKEN_MFA' : choices[0] ?? 'SMS_MFA';
      return send({ ANSWER: answer });
    }
    default:
      throw new ChallengeError(`the sign-in asks for ${challenge.name}, which mmbatch-auth cannot answer`, {
        hint: 'sign in once through the MMBatch web UI to settle it, then try again',
      });
  }
}

function parseList(value: string | undefined): string[] {
  if (!value) return [];
  try {
    const parsed = JSON.parse(value) as unknown;
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}
