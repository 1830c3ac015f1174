// The whole stack: a user pool's real ID token (signed by cognito-local, served from the gateway's JWKS) gets AWS
// credentials through an identity pool, and a new IAM role is unusable for a moment, as on AWS.
import {
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  SetIdentityPoolRolesCommand,
} from '@aws-sdk/client-cognito-identity';
import { CreateRoleCommand, IAMClient, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';
import { DEFAULT_IAM_PROPAGATION_MS, startStack } from '../stack.mjs';

const PASSWORD = 'Identity-pool-42!';
const COGNITO = 'cognito-identity.amazonaws.com';

/** @type {Awaited<ReturnType<typeof startStack>>} */
let stack;
let idp, identity, iam;
let userPoolId = '';
let clientId = '';
let provider = '';

const wait = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** @param {string} poolId */
const trustPolicy = (poolId) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow',
      Principal: { Federated: COGNITO },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { [`${COGNITO}:aud`]: poolId }, 'ForAnyValue:StringLike': { [`${COGNITO}:amr`]: 'authenticated' } },
    }],
  });

beforeAll(async () => {
  stack = await startStack();
  const config = { endpoint: stack.endpoint, region: stack.region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };
  idp = new CognitoIdentityProviderClient(config);
  identity = new CognitoIdentityClient(config);
  iam = new IAMClient(config);
  userPoolId = (await idp.send(new CreateUserPoolCommand({ PoolName: 'ids', UsernameAttributes: ['email'] }))).UserPool?.Id ?? '';
  clientId =
    (await idp.send(new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: 'spa', ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] })))
      .UserPoolClient?.ClientId ?? '';
  provider = `cognito-idp.${stack.region}.amazonaws.com/${userPoolId}`;
  for (const user of ['ann@example.com', 'bob@example.com']) {
    await idp.send(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: user, MessageAction: 'SUPPRESS' }));
    await idp.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: user, Password: PASSWORD, Permanent: true }));
  }
});

afterAll(async () => {
  for (const client of [idp, identity, iam]) client?.destroy();
  await stack?.stop();
});

/** @param {string} USERNAME */
const idTokenOf = async (USERNAME) =>
  (await idp.send(new AdminInitiateAuthCommand({ UserPoolId: userPoolId, ClientId: clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME, PASSWORD } })))
    .AuthenticationResult?.IdToken ?? '';

async function identityPoolWithNewRole(name) {
  const pool = await identity.send(
    new CreateIdentityPoolCommand({ IdentityPoolName: name, AllowUnauthenticatedIdentities: false, CognitoIdentityProviders: [{ ProviderName: provider, ClientId: clientId }] }),
  );
  const poolId = pool.IdentityPoolId ?? '';
  const { Role } = await iam.send(new CreateRoleCommand({ RoleName: `${name}-auth`, AssumeRolePolicyDocument: trustPolicy(poolId) }));
  return { poolId, role: Role };
}

test(`a new role is unusable for ${DEFAULT_IAM_PROPAGATION_MS} ms by default: SetIdentityPoolRoles fails naming it, then works`, async () => {
  const { poolId, role } = await identityPoolWithNewRole('fresh');
  const setRoles = () => identity.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: poolId, Roles: { authenticated: role?.Arn ?? '' } }));
  // The code is the one the CLI retries today; the words are AWS's (see startStack's rolePropagationErrorCode).
  await expect(setRoles()).rejects.toMatchObject({ name: 'NotAuthorizedException', message: `Access to Role '${role?.Arn}' is forbidden.` });
  await wait(DEFAULT_IAM_PROPAGATION_MS + 20);
  await expect(setRoles()).resolves.toBeDefined();
});

test("a user pool's ID token gets credentials for the pool's role; same user, same identity; stack.identities() tells which role", async () => {
  const { poolId, role } = await identityPoolWithNewRole('creds');
  await wait(DEFAULT_IAM_PROPAGATION_MS + 20);
  await identity.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: poolId, Roles: { authenticated: role?.Arn ?? '' } }));

  const Logins = { [provider]: await idTokenOf('ann@example.com') };
  const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: poolId, Logins }));
  const again = await identity.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [provider]: await idTokenOf('ann@example.com') } }));
  expect(again.IdentityId).toBe(IdentityId);
  const bob = await identity.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [provider]: await idTokenOf('bob@example.com') } }));
  expect(bob.IdentityId).not.toBe(IdentityId);

  const { Credentials } = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));
  expect(Credentials?.AccessKeyId).toMatch(/^ASIA/);
  expect(stack.identities().find((i) => i.IdentityId === IdentityId)).toMatchObject({ IdentityPoolId: poolId, authenticated: true, roleArn: role?.Arn, credentialsIssued: 1 });

  // The provider name is AWS's form; the token's issuer is the gateway. A token of another pool does not pass for it.
  const other = `cognito-idp.${stack.region}.amazonaws.com/${stack.region}_NotThePool`;
  await expect(identity.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [other]: Logins[provider] } }))).rejects.toMatchObject({ name: 'NotAuthorizedException' });
});

test('a changed trust policy is not applied at once: GetCredentialsForIdentity fails for a moment; setIamPropagationMs(0) turns it off', async () => {
  const { poolId, role } = await identityPoolWithNewRole('trust');
  await wait(DEFAULT_IAM_PROPAGATION_MS + 20);
  await identity.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: poolId, Roles: { authenticated: role?.Arn ?? '' } }));
  const Logins = { [provider]: await idTokenOf('ann@example.com') };
  const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: poolId, Logins }));

  await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: role?.RoleName, PolicyDocument: trustPolicy(poolId) }));
  await expect(identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }))).rejects.toMatchObject({ name: 'InvalidIdentityPoolConfigurationException' });

  stack.setIamPropagationMs(0);
  try {
    await expect(identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }))).resolves.toBeDefined();
    const { poolId: instant, role: instantRole } = await identityPoolWithNewRole('instant');
    await expect(identity.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: instant, Roles: { authenticated: instantRole?.Arn ?? '' } }))).resolves.toBeDefined();
  } finally {
    stack.setIamPropagationMs(DEFAULT_IAM_PROPAGATION_MS);
  }
});

test("startStack({ rolePropagationErrorCode: 'NotAuthorizedException' }): the code AWS answers", async () => {
  const own = await startStack({ rolePropagationErrorCode: 'NotAuthorizedException', iamPropagationMs: 5000 });
  const config = { endpoint: own.endpoint, region: own.region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };
  const ownIdentity = new CognitoIdentityClient(config);
  const ownIam = new IAMClient(config);
  try {
    const pool = await ownIdentity.send(new CreateIdentityPoolCommand({ IdentityPoolName: 'aws', AllowUnauthenticatedIdentities: false }));
    const { Role } = await ownIam.send(new CreateRoleCommand({ RoleName: 'aws-auth', AssumeRolePolicyDocument: trustPolicy(pool.IdentityPoolId ?? '') }));
    await expect(ownIdentity.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: pool.IdentityPoolId, Roles: { authenticated: Role?.Arn ?? '' } }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: `Access to Role '${Role?.Arn}' is forbidden.`,
    });
  } finally {
    ownIdentity.destroy();
    ownIam.destroy();
    await own.stop();
  }
});
