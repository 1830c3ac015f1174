// The AWS SDK's Cognito user-pools client for signing in: for the admin flow (signed), and for the
// other flows only when the AWS configuration needs the SDK (sdkSignInCalls.ts); the usual sign-in
// goes through cognitoJsonClient.ts and never loads this. Only this one SDK client is loaded (not
// IAM nor Cognito Identity).
//
// No AWS credentials are needed for USER_SRP_AUTH, USER_PASSWORD_AUTH, REFRESH_TOKEN_AUTH,
// RespondToAuthChallenge and RevokeToken: the SDK models those operations as `smithy.api#noAuth`
// and sends them unsigned, so the credential chain is never consulted for them. Only the admin
// flow (AdminInitiateAuth) is signed, with the operator's usual credentials.
import { Agent as HttpsAgent } from 'node:https';
import { Agent as HttpAgent } from 'node:http';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../context.js';
import { instrument, type MiddlewareClient } from '../aws/instrument.js';
import { validateRegion } from '../validate.js';
import { VERSION } from '../version.js';

// The SDK warns about Node 20's support window on first use; that notice is not the user's concern.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export function createSignInClient(ctx: Context, region: string): CognitoIdentityProviderClient {
  const client = new CognitoIdentityProviderClient({
    region: validateRegion(region),
    profile: ctx.globals.profile,
    // Undefined leaves AWS_ENDPOINT_URL(_COGNITO_IDENTITY_PROVIDER) to the SDK, as for every other command.
    endpoint: ctx.globals.endpointUrl,
    requestHandler: {
      httpAgent: new HttpAgent({ keepAlive: true }),
      httpsAgent: new HttpsAgent({ keepAlive: true }),
      connectionTimeout: 5_000,
      requestTimeout: 30_000,
    },
    // Throttling and 5xx are retried; a wrong password is not (it is a 400).
    maxAttempts: 3,
    retryMode: 'standard',
    customUserAgent: `mmbatch-auth/${VERSION}`,
  });
  instrument(client as unknown as MiddlewareClient, 'cognito-idp', { verbose: ctx.log.verbose });
  return client;
}
