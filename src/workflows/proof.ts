// The proof that a setup works before the server is switched to it: the admin has signed in to the
// new pool and client (the tokens), and the admin's ID token gets AWS credentials through the
// identity pool (GetId, then GetCredentialsForIdentity), which only works when the identity pool
// trusts this user pool and client and the role's trust policy admits this identity pool for
// signed-in users. The credentials themselves are thrown away: only that they came matters.
import { GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { isAwsCode } from '../aws/errors.js';
import { AwsError } from '../errors.js';
import type { ResourceEnv } from '../resources/plan.js';
import { userPoolProviderName } from '../resources/identityPool.js';

/** A new role (or a changed trust policy) takes seconds to reach Cognito Identity: IAM is eventually consistent. */
const PROPAGATION_WAIT_MS = 30_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface IdentityProof {
  identityId: string;
  /** When the credentials would have expired (epoch ms): shows they were real. */
  expiresAt?: number;
}

export interface ProofInput {
  region: string;
  userPoolId: string;
  identityPoolId: string;
  idToken: string;
}

const loginsOf = (input: ProofInput) => ({ [userPoolProviderName(input.region, input.userPoolId)]: input.idToken });

/** The admin's identity in the pool: needs the pool and the token, not the role (so it starts a round earlier). */
export async function identityOf(env: ResourceEnv, input: ProofInput): Promise<string> {
  const { IdentityId } = await env.aws.identity.send(new GetIdCommand({ IdentityPoolId: input.identityPoolId, Logins: loginsOf(input) }));
  if (!IdentityId) throw new AwsError('GetId returned no identity');
  return IdentityId;
}

/** The role's credentials for that identity: the proof that the role trusts this identity pool. */
export async function proveIdentityPool(env: ResourceEnv, input: ProofInput, identity?: Promise<string>): Promise<IdentityProof> {
  const logins = loginsOf(input);
  const IdentityId = await (identity ?? identityOf(env, input));
  const deadline = env.now() + PROPAGATION_WAIT_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      const { Credentials } = await env.aws.identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins }));
      if (!Credentials?.AccessKeyId) throw new AwsError('GetCredentialsForIdentity returned no credentials');
      return { identityId: IdentityId, expiresAt: Credentials.Expiration?.getTime() };
    } catch (error) {
      const propagating = isAwsCode(error, 'InvalidIdentityPoolConfigurationException');
      if (!propagating || env.now() > deadline) {
        if (propagating) {
          throw new AwsError(`the identity pool ${input.identityPoolId} does not give the admin AWS credentials: the role does not trust it`, {
            hint: "check the role's trust policy (`mmbatch-auth status` shows it), then run setup again",
            code: 'InvalidIdentityPoolConfigurationException',
            cause: error,
          });
        }
        throw error;
      }
      env.log.verbose(`  the role is not usable by the identity pool yet (IAM propagation); attempt ${attempt}, trying again`);
      await sleep(Math.min(200 * 2 ** (attempt - 1), 3_000));
    }
  }
}
