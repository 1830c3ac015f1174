// The tokens a sign-in yields, and what we read from a JWT without verifying it (its expiry and
// user): verification is the server's job, we only decide whether a cached token is still fresh.
import { AwsError } from '../../errors.js';

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

/** A JWS in compact form (Cognito's access and ID tokens): three base64url parts. */
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
/** Cognito's refresh token is a JWE in compact form (five parts): base64url and dots only. */
const OPAQUE_TOKEN = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]*)*$/;

/**
 * What Cognito answered is printed into scripts (`$(mmbatch-auth token)` in a header) and kept:
 * anything but a token's own alphabet (a CR/LF that would add a header, an escape sequence) is
 * refused, never printed or cached. Which token is named; its text, a secret, is not.
 */
function checkShape(kind: string, token: string | undefined, shape: RegExp): void {
  if (token !== undefined && !shape.test(token)) throw new AwsError(`Cognito's answer to the sign-in is not a usable token: the ${kind} is not in a token's form`);
}

export function tokensFromResult(result: AuthenticationResultLike, now: number, previousRefreshToken?: string): Tokens {
  if (!result.AccessToken || !result.IdToken) throw new AwsError("Cognito's answer to the sign-in is not a usable token: it holds none");
  checkShape('access token', result.AccessToken, JWT);
  checkShape('ID token', result.IdToken, JWT);
  checkShape('refresh token', result.RefreshToken, OPAQUE_TOKEN);
  return {
    accessToken: result.AccessToken,
    idToken: result.IdToken,
    // A refresh-token sign-in does not return a new refresh token (unless rotation is on): keep the old one.
    refreshToken: result.RefreshToken ?? previousRefreshToken,
    expiresAt: tokenExpiry(result.AccessToken, result.ExpiresIn, now),
    tokenType: result.TokenType ?? 'Bearer',
  };
}
