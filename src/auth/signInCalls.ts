// The Cognito calls a user's own sign-in makes, as one interface with two implementations: a small
// JSON client of our own (cognitoJsonClient.ts, the usual case: no AWS SDK to load before the first
// call) and the AWS SDK (sdkSignInCalls.ts, when the AWS configuration asks for something the small
// client does not do, e.g. FIPS endpoints). The flows (SRP, password, refresh, revoke) are written
// against this interface only, so they never decide which one runs.
//
// Names and shapes are Cognito's own (awsJson1_1 members), so either implementation passes them on
// unchanged and cognito-srp-helper's wrap* functions accept them.
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { AuthenticationResultLike } from './tokens.js';

/** The unsigned operations: they need no AWS credentials. */
export type UnsignedOperation = 'InitiateAuth' | 'RespondToAuthChallenge' | 'RevokeToken';

export interface InitiateAuthInput {
  ClientId: string;
  AuthFlow: 'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH' | 'REFRESH_TOKEN_AUTH';
  AuthParameters: Record<string, string>;
}

export interface RespondToAuthChallengeInput {
  ClientId: string;
  ChallengeName: string;
  ChallengeResponses: Record<string, string>;
  Session?: string;
}

export interface RevokeTokenInput {
  ClientId: string;
  Token: string;
}

/** InitiateAuth's and RespondToAuthChallenge's answer: tokens, or the next challenge. */
export interface AuthAnswer {
  AuthenticationResult?: AuthenticationResultLike;
  ChallengeName?: string;
  Session?: string;
  ChallengeParameters?: Record<string, string>;
}

export interface SignInCalls {
  initiateAuth(input: InitiateAuthInput): Promise<AuthAnswer>;
  respondToAuthChallenge(input: RespondToAuthChallengeInput): Promise<AuthAnswer>;
  revokeToken(input: RevokeTokenInput): Promise<void>;
  /**
   * The AWS SDK client for the admin flow (AdminInitiateAuth is signed with the operator's
   * credentials), built on first use: a sign-in that never reaches the admin flow never loads it.
   */
  adminClient(): Promise<CognitoIdentityProviderClient>;
  /** Closes kept-alive connections, so the process can exit at once. */
  destroy(): void;
}
