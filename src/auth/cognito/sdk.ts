// The sign-in calls through the AWS SDK's Cognito user-pools client: for the admin flow (signed),
// and for the other flows only when the AWS configuration needs the SDK (endpoint.ts says when);
// the usual sign-in goes through jsonClient.ts and never loads this. Only this one SDK client is
// loaded (not IAM nor Cognito Identity), built with the one SDK configuration (aws/sdkConfig.ts).
//
// No AWS credentials are needed for USER_SRP_AUTH, USER_PASSWORD_AUTH, REFRESH_TOKEN_AUTH,
// RespondToAuthChallenge and RevokeToken: the SDK models those operations as `smithy.api#noAuth`
// and sends them unsigned, so the credential chain is never consulted for them. Only the admin
// flow (AdminInitiateAuth) is signed, with the operator's usual credentials.
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  RevokeTokenCommand,
  AssociateSoftwareTokenCommand,
  VerifySoftwareTokenCommand,
  SetUserMFAPreferenceCommand,
  GetUserCommand,
  DescribeUserPoolClientCommand,
  type ChallengeNameType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../cli/context.js';
import { instrument, type MiddlewareClient } from '../../aws/instrument.js';
import { callPolicy } from '../../aws/policy.js';
import { requestHandler, sdkClientConfig } from '../../aws/sdkConfig.js';
import { validateRegion } from '../../validate.js';
import type { SignInCalls } from './calls.js';

export function createSignInClient(ctx: Context, region: string): CognitoIdentityProviderClient {
  const policy = callPolicy(ctx.env);
  const target = { region: validateRegion(region), profile: ctx.globals.profile, endpoint: ctx.globals.endpointUrl };
  const client = new CognitoIdentityProviderClient(sdkClientConfig(target, policy, requestHandler(policy, Infinity)));
  instrument(client as unknown as MiddlewareClient, 'cognito-idp', { verbose: ctx.log.verbose, warn: ctx.log.warn });
  return client;
}

export function sdkSignInCalls(ctx: Context, region: string): SignInCalls {
  const idp = createSignInClient(ctx, region);
  return {
    initiateAuth: (input, sent) => {
      const answer = idp.send(new InitiateAuthCommand(input));
      sent?.();
      return answer;
    },
    respondToAuthChallenge: (input) =>
      idp.send(new RespondToAuthChallengeCommand({ ...input, ChallengeName: input.ChallengeName as ChallengeNameType })),
    revokeToken: async (input) => {
      await idp.send(new RevokeTokenCommand(input));
    },
    associateSoftwareToken: (input) => idp.send(new AssociateSoftwareTokenCommand(input)),
    verifySoftwareToken: (input) => idp.send(new VerifySoftwareTokenCommand(input)),
    setUserMfaPreference: async (input) => {
      await idp.send(new SetUserMFAPreferenceCommand(input));
    },
    getUser: (input) => idp.send(new GetUserCommand(input)),
    // The same client signs the admin flow: it has the region, profile and endpoint already.
    adminClient: async () => idp,
    destroy: () => idp.destroy(),
  };
}

/**
 * The app client's explicit auth flows, read with the operator's credentials: a hint allowing one
 * more names them all (flows/allowFlow.ts). Bounded: an error's hint must not wait on a slow lookup.
 */
export async function describeAuthFlows(client: CognitoIdentityProviderClient, userPoolId: string, clientId: string): Promise<string[]> {
  const { UserPoolClient } = await client.send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }), { abortSignal: AbortSignal.timeout(5000) });
  return UserPoolClient?.ExplicitAuthFlows ?? [];
}
