// Opens the sign-in calls for one run: our own JSON client when the endpoint is one it can reach as
// the SDK would (nearly always), else the AWS SDK. Either way the admin flow's signed client is the
// SDK's, built only if that flow is reached, so `token`, `login` and `logout` load no SDK code unless
// they need AWS credentials or an endpoint only the SDK knows how to find.
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../context.js';
import { CognitoJsonClient } from './cognitoJsonClient.js';
import type { AuthAnswer, SignInCalls } from './signInCalls.js';
import { resolveSignInEndpoint } from './signInEndpoint.js';

export async function openSignInCalls(ctx: Context, region: string): Promise<SignInCalls> {
  const endpoint = resolveSignInEndpoint({ region, endpointUrl: ctx.globals.endpointUrl, profile: ctx.globals.profile }, ctx.env);
  if ('sdk' in endpoint) {
    ctx.log.verbose(`  ${endpoint.sdk}: signing in through the AWS SDK`);
    const { sdkSignInCalls } = await import('./sdkSignInCalls.js');
    return sdkSignInCalls(ctx, region);
  }
  const json = new CognitoJsonClient({ endpoint: endpoint.url, verbose: ctx.log.verbose });
  let admin: Promise<CognitoIdentityProviderClient> | undefined;
  return {
    initiateAuth: (input) => json.call<AuthAnswer>('InitiateAuth', input),
    respondToAuthChallenge: (input) => json.call<AuthAnswer>('RespondToAuthChallenge', input),
    revokeToken: async (input) => {
      await json.call('RevokeToken', input);
    },
    adminClient: () => (admin ??= import('./cognitoClient.js').then(({ createSignInClient }) => createSignInClient(ctx, region))),
    destroy: () => {
      json.destroy();
      void admin?.then((client) => client.destroy()).catch(() => undefined);
    },
  };
}
