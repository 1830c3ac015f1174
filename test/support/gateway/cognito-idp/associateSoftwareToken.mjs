import { newTotpSecret } from '../totp.mjs';
import { invalidSession } from '../mfa-sign-in.mjs';
import { AwsError } from '../wire-errors.mjs';
import { requirePoolTotp, requireTokenOrSession, userMfa } from './user-mfa.mjs';

/**
 * A new TOTP secret (base32) for the user named by an access token, or by the session of an MFA_SETUP challenge
 * (which then answers with a new session). The secret counts once VerifySoftwareToken proves the app has it; until
 * then any earlier token stays in use.
 * @type {import('../cognito-idp.mjs').IdpOperation}
 */
export async function associateSoftwareToken(input, { state, store, tokens, signIn }) {
  requireTokenOrSession(input);
  if (input.Session) {
    const pending = signIn.mfa.sessionOf(input.Session);
    if (pending.challenge !== 'MFA_SETUP') throw invalidSession();
    requirePoolTotp(state, pending.poolId);
    const SecretCode = newTotpSecret();
    userMfa(state, pending.poolId, pending.username).pending = SecretCode;
    return { SecretCode, Session: signIn.mfa.renewSession(input.Session) };
  }
  const { claims, poolId } = await tokens.verify(input.AccessToken);
  const user = await store.findUser(poolId, String(claims.username ?? claims.sub ?? ''));
  if (!user) throw new AwsError('NotAuthorizedException', 'Invalid Access Token');
  // AWS also refuses this until SetUserPoolMfaConfig turns software token MFA on (requirePoolTotp). Not enforced
  // here: test/token.test.ts associates a token first and turns TOTP on for the pool afterwards.
  const SecretCode = newTotpSecret();
  userMfa(state, poolId, user.Username).pending = SecretCode;
  return { SecretCode };
}
