// Cognito Identity's enhanced flow, GetId then GetCredentialsForIdentity, against the emulator alone: ID tokens from
// a fake user pool (real RS256 keys and JWKS), the pool's role and its trust policy as STS would judge it.
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  SetIdentityPoolRolesCommand,
} from '@aws-sdk/client-cognito-identity';
import { CreateRoleCommand, DeleteRoleCommand, IAMClient, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';
import { AWS_LOGIN_PROVIDERS, createIdentityAndIamEmulator, evaluateTrustPolicy, startEmulatorServer } from '../emulator/index.mjs';
import { startFakeIdp } from '../mmbatch-server/fake-idp.mjs';

const REGION = 'us-east-1';
const USER_POOL = 'us-east-1_FakePool1';
const OTHER_USER_POOL = 'us-east-1_FakePool2';
const CLIENT = 'spaclient1';
const PROVIDER = `cognito-idp.${REGION}.amazonaws.com/${USER_POOL}`;
const COGNITO = 'cognito-identity.amazonaws.com';

/** @type {Awaited<ReturnType<typeof startFakeIdp>>} */
let idp;
/** @type {Awaited<ReturnType<typeof startEmulatorServer>>} */
let server;
/** @type {CognitoIdentityClient} */
let identity;
/** @type {IAMClient} */
let iam;
let counter = 0;

/** The trust policy setup writes: this pool only (aud), signed-in users only (amr). @param {string} poolId */
const trustPolicy = (poolId, overrides = {}) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: COGNITO },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [`${COGNITO}:aud`]: poolId }, 'ForAnyValue:StringLike': { [`${COGNITO}:amr`]: 'authenticated' } },
        ...overrides,
      },
    ],
  });

beforeAll(async () => {
  idp = await startFakeIdp();
  idp.addPool(USER_POOL);
  idp.addPool(OTHER_USER_POOL);
  const emulator = createIdentityAndIamEmulator({ loginProviders: { issuerFor: idp.issuerFor, jwksFor: AWS_LOGIN_PROVIDERS.jwksFor } });
  server = await startEmulatorServer({ emulator });
  const config = { region: REGION, endpoint: server.endpoint, credentials: { accessKeyId: 'AKIDEMULATOR', secretAccessKey: 'x' }, maxAttempts: 1 };
  identity = new CognitoIdentityClient(config);
  iam = new IAMClient(config);
});

afterAll(async () => {
  identity?.destroy();
  iam?.destroy();
  await server?.stop();
  await idp?.stop();
});

/** An identity pool trusting the fake user pool's client, with an authenticated role trusting it back. */
async function world({ allowUnauthenticated = false, policy = trustPolicy, clientId = CLIENT } = {}) {
  counter += 1;
  const pool = await identity.send(
    new CreateIdentityPoolCommand({
      IdentityPoolName: `pool${counter}`,
      AllowUnauthenticatedIdentities: allowUnauthenticated,
      CognitoIdentityProviders: [{ ProviderName: PROVIDER, ClientId: clientId }],
    }),
  );
  const poolId = pool.IdentityPoolId ?? '';
  const { Role } = await iam.send(new CreateRoleCommand({ RoleName: `auth${counter}`, AssumeRolePolicyDocument: policy(poolId) }));
  const roleArn = Role?.Arn ?? '';
  await identity.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: poolId, Roles: { authenticated: roleArn } }));
  return { poolId, roleArn, roleName: Role?.RoleName ?? '' };
}

/** @param {Partial<Parameters<typeof idp.token>[0]>} [spec] */
const idToken = (spec = {}) => idp.token({ pool: USER_POOL, clientId: CLIENT, tokenUse: 'id', sub: 'user-ann', ...spec });

/** @param {Promise<unknown>} promise @returns {Promise<any>} */
const failure = (promise) => promise.then(() => { throw new Error('expected a rejection'); }, (error) => error);

test('GetId then GetCredentialsForIdentity: the same user always gets the same identity, and credentials for the role', async () => {
  const { poolId, roleArn } = await world();
  const Logins = { [PROVIDER]: idToken() };
  const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: poolId, Logins }));
  expect(IdentityId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
  expect((await identity.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [PROVIDER]: idToken() } }))).IdentityId).toBe(IdentityId);
  expect((await identity.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [PROVIDER]: idToken({ sub: 'user-bob' }) } }))).IdentityId).not.toBe(IdentityId);

  const answer = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));
  expect(answer.IdentityId).toBe(IdentityId);
  expect(answer.Credentials).toMatchObject({ AccessKeyId: expect.stringMatching(/^ASIA[A-Z2-7]{16}$/), SecretKey: expect.any(String), SessionToken: expect.any(String) });
  // Expiration travels as epoch seconds; the SDK makes a Date of it, an hour ahead.
  expect(answer.Credentials?.Expiration).toBeInstanceOf(Date);
  expect((answer.Credentials?.Expiration?.getTime() ?? 0) - Date.now()).toBeGreaterThan(59 * 60 * 1000);
  const recorded = server.emulator.state.cognitoIdentity.identities.get(IdentityId ?? '');
  expect(recorded).toMatchObject({ authenticated: true, roleArn, logins: { [PROVIDER]: 'user-ann' } });
  expect(recorded?.credentials).toHaveLength(1);
});

test.each([
  ['not a JWT', () => 'not-a-token', 'Invalid login token. Not a valid OpenId Connect identity token.'],
  ['an access token', () => idToken({ tokenUse: 'access' }), 'Invalid login token. Missing a required claim: aud'],
  ["another pool's token under this provider name", () => idp.token({ pool: OTHER_USER_POOL, clientId: CLIENT, tokenUse: 'id' }), "Invalid login token. Issuer doesn't match providerName"],
  ['a forged signature', () => idToken({ forgeSignature: true }), "Invalid login token. Couldn't verify signed token."],
  ['an expired token', () => idToken({ expiresIn: -30 }), /^Invalid login token\. Token expired: \d+ >= \d+$/],
  ["another app client's token", () => idToken({ clientId: 'otherclient' }), 'Token is not from a supported provider of this identity pool.'],
])('GetId refuses %s: NotAuthorizedException', async (_what, token, message) => {
  const { poolId } = await world();
  const error = await failure(identity.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [PROVIDER]: token() } })));
  expect(error.name).toBe('NotAuthorizedException');
  expect(error.message).toMatch(message);
});

test('GetId: a provider the pool does not trust, an unknown pool, and no logins where guests are not allowed', async () => {
  const { poolId } = await world();
  const otherProvider = `cognito-idp.${REGION}.amazonaws.com/${OTHER_USER_POOL}`;
  await expect(identity.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [otherProvider]: idp.token({ pool: OTHER_USER_POOL, clientId: CLIENT, tokenUse: 'id' }) } }))).rejects.toMatchObject({
    name: 'NotAuthorizedException',
    message: 'Token is not from a supported provider of this identity pool.',
  });
  await expect(identity.send(new GetIdCommand({ IdentityPoolId: 'us-east-1:00000000-1111-2222-3333-444444444444', Logins: { [PROVIDER]: idToken() } }))).rejects.toMatchObject({
    name: 'ResourceNotFoundException',
  });
  await expect(identity.send(new GetIdCommand({ IdentityPoolId: poolId }))).rejects.toMatchObject({
    name: 'NotAuthorizedException',
    message: 'Unauthenticated access is not supported for this identity pool.',
  });
});

test('GetCredentialsForIdentity checks the logins again: none, or someone else\'s, do not match the identity', async () => {
  const { poolId } = await world();
  const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [PROVIDER]: idToken() } }));
  const doesNotMatch = { name: 'NotAuthorizedException', message: "Logins don't match. Please include at least one valid login for this identity or identity pool." };
  await expect(identity.send(new GetCredentialsForIdentityCommand({ IdentityId }))).rejects.toMatchObject(doesNotMatch);
  await expect(identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: { [PROVIDER]: idToken({ sub: 'user-eve' }) } }))).rejects.toMatchObject(doesNotMatch);
  await expect(identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: { [PROVIDER]: idToken({ expiresIn: -1 }) } }))).rejects.toMatchObject({
    name: 'NotAuthorizedException',
    message: expect.stringMatching(/^Invalid login token\. Token expired/),
  });
  await expect(identity.send(new GetCredentialsForIdentityCommand({ IdentityId: 'us-east-1:00000000-1111-2222-3333-444444444444', Logins: { [PROVIDER]: idToken() } }))).rejects.toMatchObject({
    name: 'ResourceNotFoundException',
  });
});

const refusedByConfiguration = { name: 'InvalidIdentityPoolConfigurationException', message: 'Invalid identity pool configuration. Check assigned IAM roles for this pool.' };

test.each([
  ['bound to another identity pool (aud)', (/** @type {string} */ _poolId) => trustPolicy('us-east-1:99999999-9999-9999-9999-999999999999')],
  ['without the amr condition set operator (a plain StringEquals on a multivalued key)', (/** @type {string} */ poolId) =>
    trustPolicy(poolId, { Condition: { StringEquals: { [`${COGNITO}:aud`]: poolId, [`${COGNITO}:amr`]: 'authenticated' } } })],
  ['for guests only (amr unauthenticated)', (/** @type {string} */ poolId) =>
    trustPolicy(poolId, { Condition: { StringEquals: { [`${COGNITO}:aud`]: poolId }, 'ForAnyValue:StringLike': { [`${COGNITO}:amr`]: 'unauthenticated' } } })],
  ['for another principal', (/** @type {string} */ poolId) => trustPolicy(poolId, { Principal: { Service: 'lambda.amazonaws.com' } })],
  ['for another action', (/** @type {string} */ poolId) => trustPolicy(poolId, { Action: 'sts:AssumeRole' })],
  ['with a Deny that also matches', (/** @type {string} */ poolId) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        JSON.parse(trustPolicy(poolId)).Statement[0],
        { Effect: 'Deny', Principal: { Federated: COGNITO }, Action: 'sts:*', Condition: { 'ForAnyValue:StringEquals': { [`${COGNITO}:amr`]: PROVIDER } } },
      ],
    })],
])('a trust policy %s: InvalidIdentityPoolConfigurationException', async (_what, policy) => {
  const { poolId } = await world({ policy });
  const Logins = { [PROVIDER]: idToken() };
  const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: poolId, Logins }));
  await expect(identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }))).rejects.toMatchObject(refusedByConfiguration);
});

test('trust policies that do admit the user: StringLike on aud, ForAnyValue:StringEquals on the provider amr', async () => {
  for (const policy of [
    (/** @type {string} */ poolId) => trustPolicy(poolId, { Condition: { StringLike: { [`${COGNITO}:aud`]: `${REGION}:*` }, 'ForAnyValue:StringLike': { [`${COGNITO}:amr`]: 'authenticated' } } }),
    (/** @type {string} */ poolId) => trustPolicy(poolId, { Condition: { StringEquals: { [`${COGNITO}:aud`]: poolId }, 'ForAnyValue:StringEquals': { [`${COGNITO}:amr`]: PROVIDER } } }),
  ]) {
    const { poolId } = await world({ policy });
    const Logins = { [PROVIDER]: idToken() };
    const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: poolId, Logins }));
    await expect(identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }))).resolves.toMatchObject({ IdentityId });
  }
});

test('no authenticated role, or a role deleted since: InvalidIdentityPoolConfigurationException', async () => {
  counter += 1;
  const bare = await identity.send(
    new CreateIdentityPoolCommand({ IdentityPoolName: `bare${counter}`, AllowUnauthenticatedIdentities: false, CognitoIdentityProviders: [{ ProviderName: PROVIDER, ClientId: CLIENT }] }),
  );
  const Logins = { [PROVIDER]: idToken() };
  const first = await identity.send(new GetIdCommand({ IdentityPoolId: bare.IdentityPoolId, Logins }));
  await expect(identity.send(new GetCredentialsForIdentityCommand({ IdentityId: first.IdentityId, Logins }))).rejects.toMatchObject(refusedByConfiguration);

  const { poolId, roleName } = await world();
  const second = await identity.send(new GetIdCommand({ IdentityPoolId: poolId, Logins }));
  await iam.send(new DeleteRoleCommand({ RoleName: roleName }));
  await expect(identity.send(new GetCredentialsForIdentityCommand({ IdentityId: second.IdentityId, Logins }))).rejects.toMatchObject(refusedByConfiguration);
});

test('guests: refused unless the pool allows them; then their own identity and the unauthenticated role', async () => {
  const { poolId } = await world({ allowUnauthenticated: true });
  const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: poolId }));
  // No unauthenticated role is set: STS has nothing to assume.
  await expect(identity.send(new GetCredentialsForIdentityCommand({ IdentityId }))).rejects.toMatchObject(refusedByConfiguration);
});

test('IAM propagation: a new role, or a changed trust policy, is unusable for settings.iamPropagationMs', async () => {
  const { settings } = server.emulator.state;
  settings.iamPropagationMs = 300;
  try {
    counter += 1;
    const pool = await identity.send(new CreateIdentityPoolCommand({ IdentityPoolName: `slow${counter}`, AllowUnauthenticatedIdentities: false, CognitoIdentityProviders: [{ ProviderName: PROVIDER, ClientId: CLIENT }] }));
    const poolId = pool.IdentityPoolId ?? '';
    const { Role } = await iam.send(new CreateRoleCommand({ RoleName: `slow${counter}`, AssumeRolePolicyDocument: trustPolicy(poolId) }));
    const setRoles = () => identity.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: poolId, Roles: { authenticated: Role?.Arn ?? '' } }));
    await expect(setRoles()).rejects.toMatchObject({ name: 'NotAuthorizedException', message: `Access to Role '${Role?.Arn}' is forbidden.` });
    await new Promise((resolve) => setTimeout(resolve, 320));
    await setRoles();

    const Logins = { [PROVIDER]: idToken() };
    const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: poolId, Logins }));
    await identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: Role?.RoleName, PolicyDocument: trustPolicy(poolId) }));
    await expect(identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }))).rejects.toMatchObject(refusedByConfiguration);
    await new Promise((resolve) => setTimeout(resolve, 320));
    await expect(identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }))).resolves.toBeDefined();
  } finally {
    settings.iamPropagationMs = 0;
  }
});

test('SetIdentityPoolRoles refuses a role that does not exist', async () => {
  const { poolId } = await world();
  const ghost = 'arn:aws:iam::000000000000:role/no-such-role';
  await expect(identity.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: poolId, Roles: { authenticated: ghost } }))).rejects.toMatchObject({
    name: 'NotAuthorizedException',
    message: `Access to Role '${ghost}' is forbidden.`,
  });
});

describe('the trust policy evaluator', () => {
  const request = (/** @type {string[]} */ amr) => ({
    principal: { type: 'Federated', id: COGNITO },
    action: 'sts:AssumeRoleWithWebIdentity',
    context: { [`${COGNITO}:aud`]: ['us-east-1:p1'], [`${COGNITO}:amr`]: amr },
  });
  const statement = (/** @type {Record<string, unknown>} */ extra) =>
    JSON.stringify({ Statement: { Effect: 'Allow', Principal: { Federated: COGNITO }, Action: 'sts:AssumeRoleWithWebIdentity', ...extra } });

  test('no conditions admits; a missing key fails StringEquals, passes StringNotEquals and IfExists', () => {
    expect(evaluateTrustPolicy(statement({}), request(['authenticated']))).toBe('allow');
    expect(evaluateTrustPolicy(statement({ Condition: { StringEquals: { 'x:missing': 'v' } } }), request(['authenticated']))).toBe('implicitDeny');
    expect(evaluateTrustPolicy(statement({ Condition: { StringNotEquals: { 'x:missing': 'v' } } }), request(['authenticated']))).toBe('allow');
    expect(evaluateTrustPolicy(statement({ Condition: { StringEqualsIfExists: { 'x:missing': 'v' } } }), request(['authenticated']))).toBe('allow');
  });

  test('condition keys ignore case, values do not; ForAllValues needs every value listed', () => {
    expect(evaluateTrustPolicy(statement({ Condition: { StringEquals: { 'COGNITO-IDENTITY.AMAZONAWS.COM:AUD': 'us-east-1:p1' } } }), request([]))).toBe('allow');
    expect(evaluateTrustPolicy(statement({ Condition: { StringEquals: { [`${COGNITO}:aud`]: 'US-EAST-1:P1' } } }), request([]))).toBe('implicitDeny');
    const forAll = statement({ Condition: { 'ForAllValues:StringLike': { [`${COGNITO}:amr`]: ['authenticated', 'cognito-idp.*'] } } });
    expect(evaluateTrustPolicy(forAll, request(['authenticated', 'cognito-idp.x']))).toBe('allow');
    expect(evaluateTrustPolicy(forAll, request(['authenticated', 'graph.facebook.com']))).toBe('implicitDeny');
  });

  test('a malformed document or an unknown operator grants nothing', () => {
    expect(evaluateTrustPolicy('{not json', request([]))).toBe('implicitDeny');
    expect(evaluateTrustPolicy(statement({ Condition: { NumericEquals: { [`${COGNITO}:aud`]: '1' } } }), request([]))).toBe('implicitDeny');
  });
});
