// USER_PASSWORD_AUTH: the password goes to Cognito over TLS. Needs no AWS credentials, but only
// works when the app client allows it (setup does not enable it by default).
import { stepOf, type AuthStep } from './challenges.js';
import type { SignInCalls } from './signInCalls.js';

export interface SignInRequest {
  userPoolId: string;
  clientId: string;
  username: string;
  password: string;
}

export async function userPasswordSignIn(calls: SignInCalls, request: SignInRequest): Promise<AuthStep> {
  const response = await calls.initiateAuth({
    ClientId: request.clientId,
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: request.username, PASSWORD: request.password },
  });
  return stepOf(response);
}
