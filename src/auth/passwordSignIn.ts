// USER_PASSWORD_AUTH: the password goes to Cognito over TLS. Needs no AWS credentials, but only
// works when the app client allows it (setup does not enable it by default).
import { InitiateAuthCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { stepOf, type AuthStep } from './challenges.js';

export interface SignInRequest {
  userPoolId: string;
  clientId: string;
  username: string;
  password: string;
}

export async function userPasswordSignIn(idp: CognitoIdentityProviderClient, request: SignInRequest): Promise<AuthStep> {
  const response = await idp.send(
    new InitiateAuthCommand({
      ClientId: request.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: request.username, PASSWORD: request.password },
    }),
  );
  return stepOf(response);
}
