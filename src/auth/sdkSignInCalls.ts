// The sign-in calls through the AWS SDK: used when the AWS configuration asks for something our own
// JSON client does not do (signInEndpoint.ts says what), so such a setup signs in exactly as before.
// Loaded only then: it is the module that brings the SDK into a sign-in.
import {
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  RevokeTokenCommand,
  type ChallengeNameType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../context.js';
import { createSignInClient } from './cognitoClient.js';
import type { SignInCalls } from './signInCalls.js';

export function sdkSignInCalls(ctx: Context, region: string): SignInCalls {
  const idp = createSignInClient(ctx, region);
  return {
    initiateAuth: (input) => idp.send(new InitiateAuthCommand(input)),
    respondToAuthChallenge: (input) =>
      idp.send(new RespondToAuthChallengeCommand({ ...input, ChallengeName: input.ChallengeName as ChallengeNameType })),
    revokeToken: async (input) => {
      await idp.send(new RevokeTokenCommand(input));
    },
    // The same client signs the admin flow: it has the region, profile and endpoint already.
    adminClient: async () => idp,
    destroy: () => idp.destroy(),
  };
}
