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
import { toAwsError } from '../aws/errors.js';
import { redact } from '../redact.js';
import { validateRegion } from '../validate.js';

// The SDK warns about Node 20's support window on first use; that notice is not the user's concern.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

type Middleware = (
  next: (args: { input: unknown }) => Promise<unknown>,
  context: { commandName?: string },
) => (args: { input: unknown }) => Promise<unknown>;

/** Logs each call under --verbose (secrets redacted) and turns SDK errors into our typed errors. */
function callReporter(verbose: (line: string) => void): Middleware {
  return (next, context) => async (args) => {
    const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
    const started = Date.now();
    verbose(`→ cognito-idp ${operation} ${JSON.stringify(redact(args.input))}`);
    try {
      const result = await next(args);
      verbose(`← cognito-idp ${operation} ok (${Date.now() - started} ms)`);
      return result;
    } catch (error) {
      const mapped = toAwsError(error, 'cognito-idp', operation);
      verbose(`← cognito-idp ${operation} failed (${Date.now() - started} ms): ${mapped.message}`);
      throw mapped;
    }
  };
}

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
  });
  (client.middlewareStack as unknown as { add: (m: Middleware, o: object) => void }).add(callReporter(ctx.log.verbose), {
    step: 'initialize',
    name: 'mmbatchAuthSignInCalls',
    priority: 'high',
  });
  return client;
}
