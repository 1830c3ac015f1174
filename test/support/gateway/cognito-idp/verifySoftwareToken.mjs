import { isTotpValid } from '../totp.mjs';
import { invalidSession } from '../mfa-sign-in.mjs';
import { AwsError } from '../wire-errors.mjs';
import { requireTokenOrSession, userMfa } from './user-mfa.mjs';

/**
 * Proves the authenticator app has the secret AssociateSoftwareToken handed out: a right code makes it the user's
 * TOTP (Status SUCCESS); a wrong one is EnableSoftwareTokenMFAException with Cognito's words. In the MFA_SETUP flow it
 * also turns TOTP on and answers with the session that RespondToAuthChallenge MFA_SETUP then takes.
 * @type {import('../cognito-idp.mjs').IdpOperation}
 */
export async function verifySoftwareToken(input, { state, store, tokens, signIn }) {
  requireTokenOrSession(input);
  if (typeof input.UserCode !== 'string' || !/^\d{6}$/.test(input.UserCode)) {
    throw new AwsError('InvalidParameterException', `1 validation error detected: Value '${input.UserCode}' at 'userCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9]+`);
  }
  /** @type {{ poolId: string, username: string }} */
  let who;
  if (input.Session) {
    const pending = signIn.mfa.sessionOf(input.Session);
    if (pending.challenge !== 'MFA_SETUP') throw invalidSession();
    who = pending;
  } else {
    const { claims, poolId } = await tokens.verify(input.AccessToken);
    const user = await store.findUser(poolId, String(claims.username ?? claims.sub ?? ''));
    if (!user) throw new AwsError('NotAuthorizedException', 'Invalid Access Token');
    who = { poolId, username: user.Username };
  }
  const mfa = userMfa(state, who.poolId, who.username);
  if (!mfa.pending) throw new AwsError('InvalidParameterException', 'Software token has not been associated with this user (AssociateSoftwareToken).');
  if (!isTotpValid(mfa.pending, input.UserCode)) throw new AwsError('EnableSoftwareTokenMFAException', 'Code mismatch and fail enable Software Token MFA');
  mfa.secret = mfa.pending;
  mfa.pending = undefined;
  if (input.FriendlyDeviceName !== undefined) mfa.FriendlyDeviceName = input.FriendlyDeviceName;
  if (!input.Session) return { Status: 'SUCCESS' };
  // Setting up MFA at sign-in makes TOTP the user's MFA.
  mfa.enabled = true;
  mfa.preferred = true;
  signIn.mfa.sessionOf(input.Session).verified = true;
  return { Status: 'SUCCESS', Session: signIn.mfa.renewSession(input.Session) };
}
