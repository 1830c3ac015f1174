// Setting up a user's authenticator app (TOTP) with their access token: a new secret
// (AssociateSoftwareToken), the app's first code (VerifySoftwareToken), then TOTP on and preferred
// (SetUserMFAPreference), so every later sign-in asks for its code. `mfa enroll` and the
// interactive setup (its first admin) do it this way; inside a sign-in that Cognito stops with
// MFA_SETUP, flows/challenges.ts does the same with the challenge's session.
import type { SignInCalls } from './cognito/calls.js';
import { verifyFirstCode } from './flows/challenges.js';
import { otpauthUri } from './secrets.js';
import { AuthError } from '../errors.js';

export interface PendingTotp {
  secret: string;
  uri: string;
}

/** Step one: a new secret for the user's app; until verified, the user's sign-in is as it was. */
export async function associateTotp(calls: SignInCalls, accessToken: string, username: string): Promise<PendingTotp> {
  const { SecretCode } = await calls.associateSoftwareToken({ AccessToken: accessToken });
  if (!SecretCode) throw new AuthError('Cognito handed out no TOTP secret');
  return { secret: SecretCode, uri: otpauthUri(SecretCode, username) };
}

/** Step two: the app's first code proves it holds the (latest) secret; then TOTP is on and preferred. */
export async function confirmTotp(calls: SignInCalls, accessToken: string, code: string): Promise<void> {
  await verifyFirstCode(calls, { AccessToken: accessToken, UserCode: code });
  await calls.setUserMfaPreference({ AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
}

/** Both steps in one run: `firstCode` shows the URI (a QR code on a terminal) and answers the app's code. */
export async function enrolTotp(calls: SignInCalls, accessToken: string, username: string, firstCode: (pending: PendingTotp) => Promise<string>): Promise<void> {
  const pending = await associateTotp(calls, accessToken, username);
  await confirmTotp(calls, accessToken, await firstCode(pending));
}
