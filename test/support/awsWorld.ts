// What the setup, status, fault and secrets tests share: one local stack, one stand-in MMBatch
// server that trusts the stack's tokens, and the real SDK clients to look at AWS state with.
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import { IAMClient } from '@aws-sdk/client-iam';
// @ts-expect-error: plain JS test support
import { startStack } from './stack.mjs';
// @ts-expect-error: plain JS test support
import { startMmbatchServer } from './mmbatch-server.mjs';

export interface AwsWorld {
  stack: any;
  server: any;
  idp: CognitoIdentityProviderClient;
  identity: CognitoIdentityClient;
  iam: IAMClient;
  stop(): Promise<void>;
}

export async function startAwsWorld(options: { tls?: boolean } = {}): Promise<AwsWorld> {
  const stack = await startStack();
  const server = await startMmbatchServer({
    tls: options.tls ?? false,
    issuerFor: (_region: string, poolId: string) => stack.issuer(poolId),
    jwksUriFor: (_region: string, poolId: string) => stack.jwksUri(poolId),
  });
  const common = { region: stack.region, endpoint: stack.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  const idp = new CognitoIdentityProviderClient(common);
  const identity = new CognitoIdentityClient(common);
  const iam = new IAMClient(common);
  return {
    stack,
    server,
    idp,
    identity,
    iam,
    async stop() {
      idp.destroy();
      identity.destroy();
      iam.destroy();
      await server.stop();
      await stack.stop();
    },
  };
}
