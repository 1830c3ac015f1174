// REFRESH_TOKEN_AUTH: a new access token from the refresh token `login` (or any sign-in) kept, with
// no password and no AWS credentials. A refresh token that is expired or revoked is reported as
// such, so the caller can fall back to the password or tell the user to log in again.
import { AuthError } from '../../errors.js';
import type { SignInCalls } from '../cognito/calls.js';
import { tokensFromResult, type Tokens } from '../store/tokens.js';

/** The refresh token no longer works: expired, revoked (logout, global sign-out) or the user is gone. */
export class RefreshRejectedError extends AuthError {}

export async function refreshTokens(
  calls: SignInCalls,
  input: { clientId: string; refreshToken: string },
  now: () => number,
): Promise<Tokens> {
  let response;
  try {
    response = await calls.initiateAuth({
      ClientId: input.clientId,
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: input.refreshToken },
    });
  } catch (error) {
    // NotAuthorizedException and friends arrive already mapped to AuthError.
    if (error instanceof AuthError) {
      throw new RefreshRejectedError('the saved sign-in has expired or was revoked', {
        hint: 'run `mmbatch-auth login` (or pass the password: --password-stdin, MMBATCH_AUTH_PASSWORD)',
        cause: error,
      });
    }
    throw error;
  }
  if (!response.AuthenticationResult?.AccessToken) {
    throw new RefreshRejectedError(`the refresh asks for ${response.ChallengeName ?? 'a challenge'}`, {
      hint: 'run `mmbatch-auth login`',
    });
  }
  return tokensFromResult(response.AuthenticationResult, now(), input.refreshToken);
}

/**
 * Refusals already met in this process, by refresh token: the refresh path (src/fast/renew.ts, its
 * own bundle) hands its RefreshRejectedError to the full CLI that takes over in the same process,
 * so the session falls back to the password without asking Cognito a second time. Keyed in the
 * global symbol registry because the two bundles share no module instance.
 */
const REFUSED = Symbol.for('mmbatch-auth.refusedRefreshTokens');

type Refusal = { message: string; hint?: string };

function refusals(): Map<string, Refusal> {
  const holder = globalThis as { [REFUSED]?: Map<string, Refusal> };
  return (holder[REFUSED] ??= new Map());
}

export function noteRefusedRefresh(refreshToken: string, error: RefreshRejectedError): void {
  refusals().set(refreshToken, { message: error.message, hint: error.hint });
}

/** The refusal met earlier in this process, as this bundle's own error class (instanceof holds). */
export function refusedRefresh(refreshToken: string): RefreshRejectedError | undefined {
  const refusal = refusals().get(refreshToken);
  return refusal && new RefreshRejectedError(refusal.message, { hint: refusal.hint });
}
