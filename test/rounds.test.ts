// How many rounds of AWS calls status and teardown make, from the stack's call log (the longest
// chain of calls each of which waited for the one before: test/support/critical-path.mjs), and
// that a setup found through the server (no settings file) is found without paging the account's
// pools by name — unless the pool the server names is not this setup's, which is then left alone.
// @ts-expect-error: plain JS test support
import { startStack } from './support/stack.mjs';
// @ts-expect-error: plain JS test support
import { startMmbatchServer } from './support/mmbatch-server.mjs';
// @ts-expect-error: plain JS test support
import { runCli, tempHome } from './support/cli.mjs';
// @ts-expect-error: plain JS test support
import { criticalPath } from './support/critical-path.mjs';

// Long against the CLI's own work between calls, so that calls made at once still overlap on a busy machine.
const DELAY_MS = 200;
const PASSWORD = 'Rounds-Test-Pass-123!';
const ADMIN = 'rounds@example.com';
type Home = { env: Record<string, string>; settingsFile: string; cleanup: () => void };

let stack: any;

beforeAll(async () => {
  stack = await startStack({ delayMs: 0, iamPropagationMs: 0 });
});
afterAll(async () => {
  await stack?.stop();
});

const newServer = () => startMmbatchServer({ issuerFor: (_r: string, poolId: string) => stack.issuer(poolId), jwksUriFor: (_r: string, poolId: string) => stack.jwksUri(poolId) });
const cli = (home: Home, args: string[], stdin = '') => runCli(args, { env: { ...stack.env(), ...home.env }, stdin });
const setup = (home: Home, server: any, name: string) =>
  cli(home, ['setup', '--yes', '--json', '--name', name, '--admin-email', ADMIN, '--admin-password-stdin', '--server', server.url], PASSWORD);
const operations = () => stack.calls.filter((c: any) => c.cli).map((c: any) => c.operation);

/** Runs `work` with the delay on, and returns the critical path of its AWS calls. */
async function pathOf(work: () => Promise<any>): Promise<{ path: string[]; result: any }> {
  stack.resetCalls();
  stack.setDelay(DELAY_MS);
  try {
    const result = await work();
    return { path: criticalPath(stack.calls), result };
  } finally {
    stack.setDelay(0);
  }
}

describe('with a settings file', () => {
  const home = tempHome();
  let server: any;
  beforeAll(async () => {
    server = await newServer();
    expect(await setup(home, server, 'recorded')).toMatchObject({ code: 0 });
  });
  afterAll(async () => {
    await server?.stop();
    home.cleanup();
  });

  test('status: one round, every read from the recorded IDs at once (beside the server GET)', async () => {
    const { path, result } = await pathOf(() => cli(home, ['status', '--json', '--name', 'recorded']));
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(path).toHaveLength(1);
    expect(stack.writeCalls()).toEqual([]);
  });

  test('teardown: the reads in one round, the server turned off, then the deletions at once (no client deleted inside a pool that goes)', async () => {
    const { path, result } = await pathOf(() => cli(home, ['teardown', '--yes', '--json', '--name', 'recorded']));
    expect(result).toMatchObject({ code: 0, stderr: '' });
    // The reads; then every deletion at once (the identity pool, the role, and the pool's
    // deletion protection lifted); then the pool itself, which cannot go while protected.
    expect(path).toHaveLength(3);
    expect(path[path.length - 1]).toBe('DeleteUserPool');
    const [reads] = path;
    expect(reads).toMatch(/^(Describe|Get|List|Admin(Get|List))/);
    expect(operations()).not.toContain('DeleteUserPoolClient');
    expect(server.config.security.cognito.enabled).toBe(false);
  });
});

describe('no settings file, in an account of many pools, the server naming the pool', () => {
  const operator = tempHome();
  const elsewhere = tempHome();
  let server: any;
  let seeded: string[];
  beforeAll(async () => {
    seeded = await stack.seedUserPools(120, { namePrefix: 'crowd-' });
    server = await newServer();
    expect(await setup(operator, server, 'crowded')).toMatchObject({ code: 0 });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    operator.cleanup();
    elsewhere.cleanup();
  });

  test('status starts from the pool the server names, confirmed by its tags: no paging of ListUserPools', async () => {
    stack.resetCalls();
    const result = await cli(elsewhere, ['status', '--json', '--name', 'crowded', '--server', server.url]);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout).resources[0]).toMatchObject({ resource: 'userPool', state: 'ok' });
    expect(operations()).not.toContain('ListUserPools');
    expect(stack.writeCalls()).toEqual([]);
  });

  test('a server naming a pool that is not this setup\'s (no tags): it is not adopted, the name lookup is used, and that pool is not touched', async () => {
    const stranger = seeded[0];
    const before = server.config.security.cognito.userPoolID;
    server.config.security.cognito.userPoolID = stranger;
    try {
      stack.resetCalls();
      const result = await cli(elsewhere, ['status', '--json', '--name', 'crowded', '--server', server.url]);
      const doc = JSON.parse(result.stdout);
      expect(doc.resources[0]).toMatchObject({ resource: 'userPool', id: before });
      expect(operations()).toContain('ListUserPools');
      expect(stack.writeCalls()).toEqual([]);
      expect(stack.calls.filter((c: any) => c.cli && JSON.stringify(c).includes(stranger) && c.operation !== 'DescribeUserPool')).toEqual([]);
    } finally {
      server.config.security.cognito.userPoolID = before;
    }
  });
});
