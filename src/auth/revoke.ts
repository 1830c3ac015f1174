// RevokeToken: `logout` makes the refresh token useless everywhere, not just forgotten here. setup
// creates the app client with token revocation on; an unsigned call, no AWS credentials needed.
import { AuthError } from '../errors.js';
import { isAwsCode } from '../aws/errors.js';
import type { SignInCalls } from './signInCalls.js';

export type RevokeOutcome = 'revoked' | 'already-invalid' | 'not-supported';

export async function revokeRefreshToken(
  calls: SignInCalls,
  input: { clientId: string; refreshToken: string },
): Promise<RevokeOutcome> {
  try {
    await calls.revokeToken({ ClientId: input.clientId, Token: input.refreshToken });
    return 'revoked';
  } catch (error) {
    // An expired or already revoked token cannot be used anyway: logout's goal is met.
    if (error instanceof AuthError) return 'already-invalid';
    if (isAwsCode(error, 'UnsupportedOperationException', 'UnsupportedTokenTypeException')) return 'not-supported';
    throw error;
  }
}
