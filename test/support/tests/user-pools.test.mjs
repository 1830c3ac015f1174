// User pools and app clients as Cognito keeps them, where cognito-local is lenient: updates reset what they leave
// out, clients get Cognito's defaults, auth flows and self-registration are enforced, listings page.
import {
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  InitiateAuthCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  ListUsersCommand,
  SignUpCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoIdentityClient, CreateIdentityPoolCommand, ListIdentityPoolsCommand } from '@aws-sdk/client-cognito-identity';
import { useStack } from './helpers/use-stack.mjs';

const PASSWORD = 'Pools-and-clients-42!';

const world = useStack();
/** @type {typeof world.stack} */
let stack;
/** @type {typeof world.idp} */
let idp;
beforeAll(() => ({ stack, idp } = world));

/** @param {Record<string, any>} [input] */
const newPool = async (input = {}) => (await idp.send(new CreateUserPoolCommand({ PoolName: 'p', ...input }))).UserPool ?? {};
/** @param {string} UserPoolId */
const describePool = async (UserPoolId) => (await idp.send(new DescribeUserPoolCommand({ UserPoolId }))).UserPool ?? {};

describe('UpdateUserPool resets every updatable setting it is not given; creation-only settings stay', () => {
  test('an update with one setting', async () => {
    const created = await newPool({
      PoolName: 'full',
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      Policies: { PasswordPolicy: { MinimumLength: 14, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: false, TemporaryPasswordValidityDays: 3 } },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      DeletionProtection: 'ACTIVE',
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
      UserPoolTags: { team: 'hpc' },
      Schema: [{ Name: 'site', AttributeDataType: 'String', Mutable: true }],
    });
    const before = await describePool(created.Id ?? '');
    expect(before).toMatchObject({ DeletionProtection: 'ACTIVE', UserPoolTier: 'ESSENTIALS', MfaConfiguration: 'OFF', UserPoolAddOns: { AdvancedSecurityMode: 'OFF' } });

    await idp.send(new UpdateUserPoolCommand({ UserPoolId: created.Id, AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } }));
    const after = await describePool(created.Id ?? '');
    expect(after.Policies?.PasswordPolicy).toEqual({ MinimumLength: 8, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true, TemporaryPasswordValidityDays: 7 });
    expect(after.AutoVerifiedAttributes ?? []).toEqual([]);
    expect(after.AccountRecoverySetting).toBeUndefined();
    expect(after.DeletionProtection).toBe('INACTIVE');
    expect(after.AdminCreateUserConfig?.AllowAdminCreateUserOnly).toBe(true);
    // Fixed at creation: the sign-in attribute, the schema, the name; and tags are not settings the update resets.
    expect(after.UsernameAttributes).toEqual(['email']);
    expect(after.SchemaAttributes?.map((a) => a.Name)).toContain('custom:site');
    expect(after.Name).toBe('full');
    expect(after.UserPoolTags).toEqual({ team: 'hpc' });
  });

  test('the password policy reset applies: a password the old policy refused is now fine, and the reverse', async () => {
    const { Id } = await newPool({ Policies: { PasswordPolicy: { MinimumLength: 20 } } });
    await idp.send(new AdminCreateUserCommand({ UserPoolId: Id, Username: 'u1', MessageAction: 'SUPPRESS' }));
    const setPassword = () => idp.send(new AdminSetUserPasswordCommand({ UserPoolId: Id, Username: 'u1', Password: 'Short-pass-1!', Permanent: true }));
    await expect(setPassword()).rejects.toMatchObject({ name: 'InvalidPasswordException' });
    await idp.send(new UpdateUserPoolCommand({ UserPoolId: Id }));
    await expect(setPassword()).resolves.toBeDefined();
  });

  test('PoolName renames; UnusedAccountValidityDays beside TemporaryPasswordValidityDays is refused', async () => {
    const { Id } = await newPool({ PoolName: 'before' });
    await idp.send(new UpdateUserPoolCommand({ UserPoolId: Id, PoolName: 'after' }));
    expect((await describePool(Id ?? '')).Name).toBe('after');
    const listed = (await idp.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools?.find((p) => p.Id === Id);
    expect(listed?.Name).toBe('after');

    // The DescribeUserPool answer, sent back as is, holds both: Cognito refuses it.
    const described = await describePool(Id ?? '');
    await expect(
      idp.send(new UpdateUserPoolCommand({ UserPoolId: Id, Policies: described.Policies, AdminCreateUserConfig: described.AdminCreateUserConfig })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Please use TemporaryPasswordValidityDays in PasswordPolicy instead of UnusedAccountValidityDays' });
  });
});

describe('app clients', () => {
  test('created without them: PreventUserExistenceErrors LEGACY, token revocation on, Cognito token validity', async () => {
    const { Id } = await newPool();
    const { UserPoolClient } = await idp.send(new CreateUserPoolClientCommand({ UserPoolId: Id, ClientName: 'plain' }));
    expect(UserPoolClient).toMatchObject({
      PreventUserExistenceErrors: 'LEGACY',
      EnableTokenRevocation: true,
      RefreshTokenValidity: 30,
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
      AuthSessionValidity: 3,
      AllowedOAuthFlowsUserPoolClient: false,
    });
    const described = (await idp.send(new DescribeUserPoolClientCommand({ UserPoolId: Id, ClientId: UserPoolClient?.ClientId }))).UserPoolClient;
    expect(described).toEqual(UserPoolClient);
    const off = await idp.send(new CreateUserPoolClientCommand({ UserPoolId: Id, ClientName: 'off', EnableTokenRevocation: false, PreventUserExistenceErrors: 'ENABLED' }));
    expect(off.UserPoolClient).toMatchObject({ EnableTokenRevocation: false, PreventUserExistenceErrors: 'ENABLED' });
  });

  test('UpdateUserPoolClient resets what it leaves out (token revocation to off), keeps ids, secret and name', async () => {
    const { Id } = await newPool();
    const { UserPoolClient: created } = await idp.send(
      new CreateUserPoolClientCommand({
        UserPoolId: Id,
        ClientName: 'rich',
        GenerateSecret: true,
        ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        PreventUserExistenceErrors: 'ENABLED',
        AccessTokenValidity: 5,
        CallbackURLs: ['https://app.example.com/cb'],
        SupportedIdentityProviders: ['COGNITO'],
      }),
    );
    const { UserPoolClient: updated } = await idp.send(new UpdateUserPoolClientCommand({ UserPoolId: Id, ClientId: created?.ClientId, RefreshTokenValidity: 10 }));
    expect(updated).toMatchObject({ ClientId: created?.ClientId, ClientSecret: created?.ClientSecret, ClientName: 'rich', RefreshTokenValidity: 10 });
    expect(updated).toMatchObject({ PreventUserExistenceErrors: 'LEGACY', EnableTokenRevocation: false, AccessTokenValidity: 60 });
    for (const key of ['ExplicitAuthFlows', 'CallbackURLs', 'SupportedIdentityProviders']) expect(updated).not.toHaveProperty(key);
    expect((await idp.send(new DescribeUserPoolClientCommand({ UserPoolId: Id, ClientId: created?.ClientId }))).UserPoolClient).toEqual(updated);
  });

  test('sign-in follows the reset: the admin flow is gone once an update leaves the flows out', async () => {
    const { Id } = await newPool();
    const { UserPoolClient } = await idp.send(new CreateUserPoolClientCommand({ UserPoolId: Id, ClientName: 'c', ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }));
    await idp.send(new AdminCreateUserCommand({ UserPoolId: Id, Username: 'ann', MessageAction: 'SUPPRESS' }));
    await idp.send(new AdminSetUserPasswordCommand({ UserPoolId: Id, Username: 'ann', Password: PASSWORD, Permanent: true }));
    const signIn = () => idp.send(new AdminInitiateAuthCommand({ UserPoolId: Id, ClientId: UserPoolClient?.ClientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ann', PASSWORD } }));
    await expect(signIn()).resolves.toMatchObject({ AuthenticationResult: { ExpiresIn: 3600 } });
    await idp.send(new UpdateUserPoolClientCommand({ UserPoolId: Id, ClientId: UserPoolClient?.ClientId }));
    await expect(signIn()).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Auth flow not enabled for this client' });
  });
});

describe('sign-in flows are checked against the client, every one of them', () => {
  /** @type {string} */
  let poolId;
  /** @type {string} */
  let bareClient; // ExplicitAuthFlows: just ALLOW_USER_SRP_AUTH
  /** @type {string | undefined} */
  let refreshToken;

  beforeAll(async () => {
    poolId = (await newPool()).Id ?? '';
    bareClient = (await idp.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'srp-only', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'] }))).UserPoolClient?.ClientId ?? '';
    const full = (await idp.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'admin', ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }))).UserPoolClient?.ClientId;
    await idp.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'ann', MessageAction: 'SUPPRESS' }));
    await idp.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'ann', Password: PASSWORD, Permanent: true }));
    refreshToken = (await idp.send(new AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: full, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ann', PASSWORD } })))
      .AuthenticationResult?.RefreshToken;
  });

  test.each([
    ['USER_PASSWORD_AUTH', { USERNAME: 'ann', PASSWORD }],
    ['REFRESH_TOKEN_AUTH', { REFRESH_TOKEN: 'r' }],
    ['REFRESH_TOKEN', { REFRESH_TOKEN: 'r' }],
    ['CUSTOM_AUTH', { USERNAME: 'ann' }],
    ['USER_AUTH', { USERNAME: 'ann' }],
  ])('InitiateAuth %s on a client that does not allow it: InvalidParameterException', async (AuthFlow, AuthParameters) => {
    await expect(idp.send(new InitiateAuthCommand({ ClientId: bareClient, AuthFlow, AuthParameters }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: `${AuthFlow} flow not enabled for this client`,
    });
  });

  test.each([
    ['ADMIN_USER_PASSWORD_AUTH', () => ({ USERNAME: 'ann', PASSWORD })],
    ['ADMIN_NO_SRP_AUTH', () => ({ USERNAME: 'ann', PASSWORD })],
    ['REFRESH_TOKEN_AUTH', () => ({ REFRESH_TOKEN: refreshToken ?? '' })],
  ])('AdminInitiateAuth %s on a client that does not allow it: InvalidParameterException', async (AuthFlow, parameters) => {
    await expect(idp.send(new AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: bareClient, AuthFlow, AuthParameters: parameters() }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });

  test('a flow the operation does not take, or that does not exist', async () => {
    await expect(idp.send(new InitiateAuthCommand({ ClientId: bareClient, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: {} }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Initiate Auth method not supported.',
    });
    await expect(idp.send(new InitiateAuthCommand({ ClientId: bareClient, AuthFlow: /** @type {any} */ ('MAGIC'), AuthParameters: {} }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining("Value 'MAGIC' at 'authFlow' failed to satisfy constraint"),
    });
  });

  test('REFRESH_TOKEN_AUTH where the client allows it renews the session', async () => {
    const withRefresh = (await idp.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'r', ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] })))
      .UserPoolClient?.ClientId;
    const tokens = (await idp.send(new AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: withRefresh, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ann', PASSWORD } })))
      .AuthenticationResult;
    const renewed = await idp.send(new InitiateAuthCommand({ ClientId: withRefresh, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: tokens?.RefreshToken ?? '' } }));
    expect(renewed.AuthenticationResult?.AccessToken).toBeDefined();
  });
});

test('SignUp is refused while only administrators may create users, allowed when self-registration is on', async () => {
  const closed = (await newPool({ AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } })).Id;
  const closedClient = (await idp.send(new CreateUserPoolClientCommand({ UserPoolId: closed, ClientName: 'c' }))).UserPoolClient?.ClientId;
  await expect(idp.send(new SignUpCommand({ ClientId: closedClient, Username: 'eve', Password: PASSWORD }))).rejects.toMatchObject({
    name: 'NotAuthorizedException',
    message: 'SignUp is not permitted for this user pool',
  });
  const open = (await newPool()).Id;
  const openClient = (await idp.send(new CreateUserPoolClientCommand({ UserPoolId: open, ClientName: 'c' }))).UserPoolClient?.ClientId;
  await expect(idp.send(new SignUpCommand({ ClientId: openClient, Username: 'eve', Password: 'weak' }))).rejects.toMatchObject({ name: 'InvalidPasswordException' });
  await expect(idp.send(new SignUpCommand({ ClientId: openClient, Username: 'eve', Password: PASSWORD }))).resolves.toMatchObject({ UserConfirmed: false });
});

describe('listings page as Cognito pages them', () => {
  /** @param {(token: string | undefined) => Promise<{ items: string[], next?: string }>} list */
  async function everything(list) {
    const pages = [];
    let token;
    do {
      const page = await list(token);
      pages.push(page.items);
      token = page.next;
    } while (token);
    return pages;
  }

  test('ListUserPools: MaxResults is required, 1 to 60; NextToken walks every pool once', async () => {
    for (let i = 0; i < 3; i += 1) await newPool({ PoolName: `paged${i}` });
    await expect(idp.send(new ListUserPoolsCommand({ MaxResults: 61 }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: "1 validation error detected: Value '61' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60",
    });
    await expect(idp.send(new ListUserPoolsCommand({ MaxResults: 0 }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(idp.send(new ListUserPoolsCommand(/** @type {any} */ ({})))).rejects.toMatchObject({ name: 'InvalidParameterException', message: expect.stringContaining('Member must not be null') });
    const all = (await idp.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools?.map((p) => p.Id) ?? [];
    const pages = await everything(async (NextToken) => {
      const page = await idp.send(new ListUserPoolsCommand({ MaxResults: 2, NextToken }));
      return { items: (page.UserPools ?? []).map((p) => p.Id ?? ''), next: page.NextToken };
    });
    expect(pages.every((page) => page.length <= 2)).toBe(true);
    expect(pages.flat()).toEqual(all);
  });

  test('ListUserPoolClients and ListUsers page too; beyond 60 is refused', async () => {
    const { Id } = await newPool();
    for (let i = 0; i < 5; i += 1) {
      await idp.send(new CreateUserPoolClientCommand({ UserPoolId: Id, ClientName: `client${i}` }));
      await idp.send(new AdminCreateUserCommand({ UserPoolId: Id, Username: `user${i}`, MessageAction: 'SUPPRESS' }));
    }
    await expect(idp.send(new ListUserPoolClientsCommand({ UserPoolId: Id, MaxResults: 61 }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(idp.send(new ListUsersCommand({ UserPoolId: Id, Limit: 61 }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: "1 validation error detected: Value '61' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60",
    });
    const clients = await everything(async (NextToken) => {
      const page = await idp.send(new ListUserPoolClientsCommand({ UserPoolId: Id, MaxResults: 2, NextToken }));
      return { items: (page.UserPoolClients ?? []).map((c) => c.ClientName ?? ''), next: page.NextToken };
    });
    expect(clients.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(clients.flat().sort()).toEqual(['client0', 'client1', 'client2', 'client3', 'client4']);
    const users = await everything(async (PaginationToken) => {
      const page = await idp.send(new ListUsersCommand({ UserPoolId: Id, Limit: 3, PaginationToken }));
      return { items: (page.Users ?? []).map((u) => u.Username ?? ''), next: page.PaginationToken };
    });
    expect(users.map((page) => page.length)).toEqual([3, 2]);
    expect((await idp.send(new ListUsersCommand({ UserPoolId: Id }))).Users).toHaveLength(5);
  });

  test('ListIdentityPools: 1 to 60, NextToken', async () => {
    const identity = new CognitoIdentityClient({ endpoint: stack.endpoint, region: stack.region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
    try {
      for (let i = 0; i < 3; i += 1) await identity.send(new CreateIdentityPoolCommand({ IdentityPoolName: `ids${i}`, AllowUnauthenticatedIdentities: false }));
      await expect(identity.send(new ListIdentityPoolsCommand({ MaxResults: 61 }))).rejects.toMatchObject({ name: 'ValidationException' });
      const pages = await everything(async (NextToken) => {
        const page = await identity.send(new ListIdentityPoolsCommand({ MaxResults: 2, NextToken }));
        return { items: (page.IdentityPools ?? []).map((p) => p.IdentityPoolName ?? ''), next: page.NextToken };
      });
      expect(pages.flat()).toEqual(['ids0', 'ids1', 'ids2']);
    } finally {
      identity.destroy();
    }
  });
});

describe('DeleteUserPool deletes what lives in the pool', () => {
  test('its app clients are gone with it', async () => {
    const { DeleteUserPoolCommand } = await import('@aws-sdk/client-cognito-identity-provider');
    const pool = await newPool({ PoolName: 'going' });
    const { UserPoolClient } = await idp.send(new CreateUserPoolClientCommand({ UserPoolId: pool.Id, ClientName: 'c' }));
    await idp.send(new DeleteUserPoolCommand({ UserPoolId: pool.Id }));
    await expect(idp.send(new DescribeUserPoolClientCommand({ UserPoolId: pool.Id, ClientId: UserPoolClient?.ClientId }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});

describe('user pool domains: cognito-local has none, the gateway keeps them as AWS does', () => {
  test('DescribeUserPool names them; DeleteUserPool is refused while the pool has one, and goes once it is deleted', async () => {
    const { CreateUserPoolDomainCommand, DeleteUserPoolCommand, DeleteUserPoolDomainCommand } = await import('@aws-sdk/client-cognito-identity-provider');
    const pool = await newPool({ PoolName: 'with-domain' });
    await idp.send(new CreateUserPoolDomainCommand({ UserPoolId: pool.Id, Domain: 'gateway-prefix' }));
    await idp.send(new CreateUserPoolDomainCommand({ UserPoolId: pool.Id, Domain: 'auth.example.com', CustomDomainConfig: { CertificateArn: 'arn:aws:acm:us-east-1:000000000000:certificate/x' } }));
    expect(await describePool(pool.Id)).toMatchObject({ Domain: 'gateway-prefix', CustomDomain: 'auth.example.com' });

    const other = await newPool({ PoolName: 'other' });
    await expect(idp.send(new CreateUserPoolDomainCommand({ UserPoolId: other.Id, Domain: 'gateway-prefix' }))).rejects.toMatchObject({
      name: 'InvalidParameterException', message: 'Domain already associated with another user pool.',
    });
    await expect(idp.send(new DeleteUserPoolDomainCommand({ UserPoolId: other.Id, Domain: 'gateway-prefix' }))).rejects.toMatchObject({ name: 'InvalidParameterException' });

    await expect(idp.send(new DeleteUserPoolCommand({ UserPoolId: pool.Id }))).rejects.toMatchObject({
      name: 'InvalidParameterException', message: 'User pool cannot be deleted. It has a domain configured that should be deleted first.',
    });
    await idp.send(new DeleteUserPoolDomainCommand({ UserPoolId: pool.Id, Domain: 'gateway-prefix' }));
    expect(await describePool(pool.Id)).not.toHaveProperty('Domain');
    await expect(idp.send(new DeleteUserPoolCommand({ UserPoolId: pool.Id }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await idp.send(new DeleteUserPoolDomainCommand({ UserPoolId: pool.Id, Domain: 'auth.example.com' }));
    await idp.send(new DeleteUserPoolCommand({ UserPoolId: pool.Id }));
    await expect(describePool(pool.Id)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
