// The tokens a sign-in yields, and what we read from a JWT without verifying it (its expiry and
// user): verification is the server's job, we only decide whether a cached token is still fresh.

export interface Tokens {
  accessToken: string;
  idToken: string;
  refreshToken?: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  tokenType: string;
}

export function decodeJwtPayload(token: string): Record<string, unknown> | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** Epoch ms at which the token expires, from its `exp` claim; else from the sign-in's ExpiresIn. */
export function tokenExpiry(accessToken: string, fallbackExpiresInSeconds: number | undefined, now: number): number {
  const exp = decodeJwtPayload(accessToken)?.exp;
  if (typeof exp === 'number') return exp * 1000;
  return now + (fallbackExpiresInSeconds ?? 3600) * 1000;
}

export interface AuthenticationResultLike {
  AccessToken?: string;
  IdToken?: string;
  RefreshToken?: string;
  ExpiresIn?: number;
  TokenType?: string;
}

export function tokensFromResult(result: AuthenticationResultLike, now: number, previousRefreshToken?: string): Tokens {
  if (!result.AccessToken || !result.IdToken) throw new Error('the sign-in returned no tokens');
  return {
    accessToken: result.AccessToken,
    idToken: result.IdToken,
    // A refresh-token sign-in does not return a new refresh token (unless rotation is on): keep the old one.
    refreshToken: result.RefreshToken ?? previousRefreshToken,
    expiresAt: tokenExpiry(result.AccessToken, result.ExpiresIn, now),
    tokenType: result.TokenType ?? 'Bearer',
  };
}
