// An admin's access token for calls that change the server (server push/disable, teardown): the
// same session machinery as `token` (a fresh cached token, else the refresh token, else a sign-in
// with the password from stdin, MMBATCH_AUTH_PASSWORD or a prompt), for a given pool and client.
import type { Context } from '../context.js';
import { MissingValueError } from '../errors.js';
import { NotSignedInError, obtainSession } from './session.js';
import type { Tokens } from './tokens.js';

export interface AdminSessionRequest {
  userPoolId: string;
  clientId: string;
  username: string;
  passwordStdin?: boolean;
}

export async function adminAccessToken(ctx: Context, request: AdminSessionRequest): Promise<Tokens> {
  try {
    const { tokens } = await obtainSession(ctx, { ...request, flow: 'auto' });
    return tokens;
  } catch (error) {
    // Here the password is a required input of the command (exit 2), not a failed sign-in.
    if (error instanceof NotSignedInError) {
      throw new MissingValueError(`the password of ${request.username}`, '--password-stdin', 'MMBATCH_AUTH_PASSWORD');
    }
    throw error;
  }
}
