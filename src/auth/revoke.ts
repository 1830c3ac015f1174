// RevokeToken: `logout` makes the refresh token useless everywhere, not just forgotten here. setup
// creates the app client with token revocation on; an unsigned call, no AWS credentials needed.
import { RevokeTokenCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { AuthError } from '../errors.js';
import { isAwsCode } from '../aws/errors.js';

export type RevokeOutcome = 'revoked' | 'already-invalid' | 'not-supported';

export async function revokeRefreshToken(
  idp: CognitoIdentityProviderClient,
  input: { clientId: string; refreshToken: string },
): Promise<RevokeOutcome> {
  try {
    await idp.send(new RevokeTokenCommand({ ClientId: input.clientId, Token: input.refreshToken }));
    return 'revoked';
  } catch (error) {
    // An expired or already revoked token cannot be used anyway: logout's goal is met.
    if (error instanceof AuthError) return 'already-invalid';
    if (isAwsCode(error, 'UnsupportedOperationException', 'UnsupportedTokenTypeException')) return 'not-supported';
    throw error;
  }
}
