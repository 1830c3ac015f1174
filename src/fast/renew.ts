// The lean path's refresh (in dist/freshToken.cjs): one InitiateAuth REFRESH_TOKEN_AUTH through our
// JSON client, by the full CLI's own flows/refresh.ts. A refused refresh token is noted for the full
// CLI (flows/refresh.ts noteRefusedRefresh), which then never asks Cognito a second time.
import type { AuthAnswer, SignInCalls } from '../auth/cognito/calls.js';
import type { CognitoJsonClient } from '../auth/cognito/jsonClient.js';
import { noteRefusedRefresh, RefreshRejectedError, refreshTokens } from '../auth/flows/refresh.js';
import type { Tokens } from '../auth/store/tokens.js';

/** New tokens by the refresh token, or undefined when Cognito refused it (noted for the full CLI). */
export async function renewedTokens(json: CognitoJsonClient, clientId: string, refreshToken: string): Promise<Tokens | undefined> {
  const calls = { initiateAuth: (input) => json.call<AuthAnswer>('InitiateAuth', input) } as Pick<SignInCalls, 'initiateAuth'> as SignInCalls;
  try {
    return await refreshTokens(calls, { clientId, refreshToken }, Date.now);
  } catch (error) {
    if (!(error instanceof RefreshRejectedError)) throw error;
    noteRefusedRefresh(refreshToken, error);
    return undefined;
  }
}
