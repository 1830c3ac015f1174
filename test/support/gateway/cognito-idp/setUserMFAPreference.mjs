import { AwsError } from '../wire-errors.mjs';
import { applyTotpPreference, userMfa } from './user-mfa.mjs';

/** The signed-in user turns TOTP MFA on or off, and prefers it or not. @type {import('../cognito-idp.mjs').IdpOperation} */
export async function setUserMFAPreference(input, { state, store, tokens }) {
  const { claims, poolId } = await tokens.verify(input.AccessToken);
  const user = await store.findUser(poolId, String(claims.username ?? claims.sub ?? ''));
  if (!user) throw new AwsError('NotAuthorizedException', 'Invalid Access Token');
  applyTotpPreference(userMfa(state, poolId, user.Username), input.SoftwareTokenMfaSettings);
  return {};
}
