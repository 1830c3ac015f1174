// A big account, fast: hundreds of user pools and identity pools seeded for benchmarks of listing and lookup by name.
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  ListUserPoolsCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoIdentityClient, ListIdentityPoolsCommand } from '@aws-sdk/client-cognito-identity';
import { startStack } from '../stack.mjs';

/** @type {Awaited<ReturnType<typeof startStack>>} */
let stack;

beforeAll(async () => {
  stack = await startStack();
});

afterAll(() => stack?.stop());

test('seedUserPools(500) and seedIdentityPools(500): quick, out of the call log, and listed page by page', async () => {
  const config = { endpoint: stack.endpoint, region: stack.region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  const idp = new CognitoIdentityProviderClient(config);
  const identity = new CognitoIdentityClient(config);
  try {
    stack.resetCalls();
    let started = performance.now();
    const poolIds = await stack.seedUserPools(500, { namePrefix: 'bench-' });
    const userPoolsMs = performance.now() - started;
    started = performance.now();
    const identityPoolIds = await stack.seedIdentityPools(500, { namePrefix: 'bench-' });
    const identityPoolsMs = performance.now() - started;
    expect(poolIds).toHaveLength(500);
    expect(new Set(poolIds).size).toBe(500);
    expect(identityPoolIds).toHaveLength(500);
    expect(stack.calls).toEqual([]);
    expect(userPoolsMs).toBeLessThan(30_000);
    expect(identityPoolsMs).toBeLessThan(5_000);

    const names = [];
    let NextToken;
    do {
      const page = await idp.send(new ListUserPoolsCommand({ MaxResults: 60, NextToken }));
      names.push(...(page.UserPools ?? []).map((p) => p.Name));
      NextToken = page.NextToken;
    } while (NextToken);
    expect(names).toHaveLength(500);
    expect(names).toContain('bench-1');
    expect(names).toContain('bench-500');

    let identityPools = 0;
    let token;
    do {
      const page = await identity.send(new ListIdentityPoolsCommand({ MaxResults: 60, NextToken: token }));
      identityPools += page.IdentityPools?.length ?? 0;
      token = page.NextToken;
    } while (token);
    expect(identityPools).toBe(500);
    expect(stack.calls.map((c) => c.operation)).toEqual([...Array(9).fill('ListUserPools'), ...Array(9).fill('ListIdentityPools')]);
  } finally {
    idp.destroy();
    identity.destroy();
  }
});

test('seedUsers(3000): quick, out of the call log, real users (paged by ListUsers, found by AdminGetUser), and what was there kept', async () => {
  const idp = new CognitoIdentityProviderClient({ endpoint: stack.endpoint, region: stack.region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  try {
    const poolId = (await idp.send(new CreateUserPoolCommand({ PoolName: 'many-users' }))).UserPool?.Id;
    await idp.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'before@example.com', MessageAction: 'SUPPRESS' }));
    stack.resetCalls();
    const started = performance.now();
    const emails = await stack.seedUsers(poolId, 3000, { emailPrefix: 'crowd-' });
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(stack.calls).toEqual([]);
    expect(emails).toHaveLength(3000);
    expect(emails[0]).toBe('crowd-1@example.com');

    const usernames = [];
    let PaginationToken;
    do {
      const page = await idp.send(new ListUsersCommand({ UserPoolId: poolId, Limit: 60, PaginationToken }));
      usernames.push(...(page.Users ?? []).map((u) => u.Username));
      PaginationToken = page.PaginationToken;
    } while (PaginationToken);
    expect(usernames).toHaveLength(3001);
    expect(new Set(usernames).size).toBe(3001);
    expect(usernames).toContain('before@example.com');
    const seeded = await idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'crowd-3000@example.com' }));
    expect(seeded).toMatchObject({ UserStatus: 'FORCE_CHANGE_PASSWORD', Enabled: true });
    expect(seeded.UserAttributes?.find((a) => a.Name === 'sub')?.Value).toMatch(/^[0-9a-f-]{36}$/);
  } finally {
    idp.destroy();
  }
}, 60_000);
