// After the password is proven Cognito may ask for more before it hands out tokens: a new password
// (a first sign-in with the e-mailed temporary one) or a one-time MFA code. Every flow answers them
// the same way; only the call that carries the answer differs (user or admin variant).
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

export async function answerChallenges(
  first: AuthStep,
  respond: RespondToChallenge,
  username: string,
  secrets: CredentialSources,
): Promise<AuthenticationResultLike> {
  let step = first;
  for (let answered = 0; !step.result; answered++) {
    const challenge = step.challenge!;
    if (answered >= MAX_CHALLENGES) throw new ChallengeError(`the sign-in kept asking for ${challenge.name}`);
    // Cognito names the user by its internal username from here on; answers must use it.
    const user = challenge.parameters.USER_ID_FOR_SRP || challenge.parameters.USERNAME || username;
    step = await answerOne(challenge, user, username, respond, secrets);
  }
  return step.result!;
}

async function answerOne(
  challenge: NonNullable<AuthStep['challenge']>,
  user: string,
  username: string,
  respond: RespondToChallenge,
  secrets: CredentialSources,
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
