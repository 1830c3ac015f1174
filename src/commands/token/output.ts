// What `token` prints, in one place so the fast path and the full CLI print the same bytes: the
// access token (or the ID token) and one newline, or under --json one document.
import type { Tokens } from '../../auth/store/tokens.js';

export interface TokenOutputOptions {
  json?: boolean;
  idToken?: boolean;
}

export function formatTokenOutput(tokens: Tokens, username: string, options: TokenOutputOptions): string {
  if (options.json) {
    const document = {
      accessToken: tokens.accessToken,
      idToken: tokens.idToken,
      expiresAt: new Date(tokens.expiresAt).toISOString(),
      tokenType: tokens.tokenType,
      username,
    };
    return `${JSON.stringify(document, null, 2)}\n`;
  }
  return `${options.idToken ? tokens.idToken : tokens.accessToken}\n`;
}
