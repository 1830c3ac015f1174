// A big account, fast: hundreds of user pools and identity pools seeded for benchmarks of listing and lookup by name.
import { CognitoIdentityProviderClient, ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
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
