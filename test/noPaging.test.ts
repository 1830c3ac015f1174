// In an account of many other user pools and identity pools, `setup` again and `teardown` find
// their setup without paging the account: with a record, straight from its IDs (no List* call at
// all); with no settings file but --server, from the IDs the server names (confirmed by their
// tags), so no ListUserPools or ListIdentityPools either. The status case is in rounds.test.ts.
// @ts-expect-error: plain JS test support
import { startStack } from './support/stack.mjs';
// @ts-expect-error: plain JS test support
import { startMmbatchServer } from './support/mmbatch-server.mjs';
// @ts-expect-error: plain JS test support
import { runCli, tempHome } from './support/cli.mjs';

const PASSWORD = 'No-Paging-Pass-123!';
const ADMIN = 'paging@example.com';
/** Two pages of ListUserPools and of ListIdentityPools (60 a page) besides the setup's own. */
const CROWD = 70;
type Home = { env: Record<string, string>; settingsFile: string; cleanup: () => void };

let stack: any;
const servers: any[] = [];
const homes: Home[] = [];

beforeAll(async () => {
  stack = await startStack({ delayMs: 0, iamPropagationMs: 0 });
  await stack.seedUserPools(CROWD, { namePrefix: 'crowd-' });
  await stack.seedIdentityPools(CROWD, { namePrefix: 'crowd-' });
}, 120_000);
afterAll(async () => {
  for (const server of servers) await server.stop();
  for (const home of homes) home.cleanup();
  await stack?.stop();
});

const newHome = (): Home => {
  const home = tempHome();
  homes.push(home);
  return home;
};
const newServer = async () => {
  const server = await startMmbatchServer({ issuerFor: (_r: string, poolId: string) => stack.issuer(poolId), jwksUriFor: (_r: string, poolId: string) => stack.jwksUri(poolId) });
  servers.push(server);
  return server;
};
const cli = (home: Home, args: string[], stdin = '') => runCli(args, { env: { ...stack.env(), ...home.env }, stdin });
const setup = (home: Home, server: any, name: string) =>
  cli(home, ['setup', '--yes', '--json', '--name', name, '--admin-email', ADMIN, '--admin-password-stdin', '--server', server.url], PASSWORD);
const cliOperations = (): string[] => stack.calls.filter((c: any) => c.cli).map((c: any) => c.operation);
const ACCOUNT_PAGING = /^List(UserPools|IdentityPools|Roles)$/;
/** The role's own policies (the check that it grants nothing else): one role's, not the account's. */
const ROLE_OWN_LISTS = new Set(['ListRolePolicies', 'ListAttachedRolePolicies']);
const listCalls = () => cliOperations().filter((op) => op.startsWith('List') && !ROLE_OWN_LISTS.has(op));

describe('with a record', () => {
  test('setup again: every resource unchanged, no List* call (but the role\'s own policy lists) and no write', async () => {
    const home = newHome();
    const server = await newServer();
    expect(await setup(home, server, 'recorded-again')).toMatchObject({ code: 0 });
    stack.resetCalls();
    const again = await setup(home, server, 'recorded-again');
    expect(again).toMatchObject({ code: 0 });
    expect(JSON.parse(again.stdout).changes.every((c: any) => c.action === 'unchanged')).toBe(true);
    expect(listCalls()).toEqual([]);
    expect(stack.writeCalls()).toEqual([]);
  }, 60_000);

  test('teardown: everything deleted, no List* call (but the role\'s own policy lists)', async () => {
    const home = newHome();
    const server = await newServer();
    expect(await setup(home, server, 'recorded-down')).toMatchObject({ code: 0 });
    stack.resetCalls();
    const down = await cli(home, ['teardown', '--yes', '--json', '--name', 'recorded-down']);
    expect(down).toMatchObject({ code: 0 });
    expect(JSON.parse(down.stdout).actions.length).toBeGreaterThan(0);
    expect(cliOperations()).toContain('DeleteUserPool');
    expect(listCalls()).toEqual([]);
    expect(server.config.security.cognito.enabled).toBe(false);
  }, 60_000);
});

describe('no settings file, --server naming the setup', () => {
  test('setup again: every resource unchanged, found from the server\'s IDs: no paging of the account', async () => {
    const server = await newServer();
    expect(await setup(newHome(), server, 'served-again')).toMatchObject({ code: 0 });
    stack.resetCalls();
    const again = await setup(newHome(), server, 'served-again');
    expect(again).toMatchObject({ code: 0 });
    expect(JSON.parse(again.stdout).changes.every((c: any) => c.action === 'unchanged')).toBe(true);
    expect(cliOperations().filter((op) => ACCOUNT_PAGING.test(op))).toEqual([]);
    expect(stack.writeCalls()).toEqual([]);
  }, 60_000);

  test('teardown: everything deleted, found from the server\'s IDs: no paging of the account', async () => {
    const server = await newServer();
    const made = await setup(newHome(), server, 'served-down');
    expect(made).toMatchObject({ code: 0 });
    const { userPoolId } = JSON.parse(made.stdout);
    stack.resetCalls();
    // The server uses the pool: the admin turns Cognito off there first (no record names the admin here).
    const down = await runCli(['teardown', '--yes', '--json', '--name', 'served-down', '--server', server.url, '--username', ADMIN], {
      env: { ...stack.env(), ...newHome().env, MMBATCH_AUTH_PASSWORD: PASSWORD },
    });
    expect(down).toMatchObject({ code: 0 });
    expect(JSON.stringify(JSON.parse(down.stdout).actions)).toContain(userPoolId);
    expect(cliOperations()).toContain('DeleteUserPool');
    expect(cliOperations().filter((op) => ACCOUNT_PAGING.test(op))).toEqual([]);
    expect(server.config.security.cognito.enabled).toBe(false);
  }, 60_000);
});
