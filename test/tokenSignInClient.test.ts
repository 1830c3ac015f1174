// A fresh sign-in end to end through our own Cognito client: the real binary against the local stack,
// with every module file the process loads recorded. It must load no AWS SDK code and need no AWS
// credentials, fail as the contract says (a wrong password: exit 3, nothing on stdout), ride out
// throttling and 5xx, and hand over to the SDK only for endpoints the SDK alone knows how to find.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ADMIN,
  LAUNCHERS,
  PASSWORD,
  expireCachedToken,
  jwtClaims,
  operations,
  runTraced,
  startWorld,
  type Home,
  type SetUpWorld as World,
  Homes,
} from './support/world.js';

let world: World;
const homes = new Homes(() => world);
const freshHome = (): Home => homes.fresh();

beforeAll(async () => {
  world = await startWorld({ setup: true });
});

afterEach(() => world.stack.clearFaults());

afterAll(async () => {
  homes.cleanup();
  await world?.stop();
});

/** The module files of this package a traced run loaded (the bundle: no node_modules at run time). */
function ownFiles(loaded: string[]): string[] {
  return loaded
    .filter((entry) => !entry.startsWith('node:') && !entry.includes('mmbatch-auth-trace-'))
    .map((entry) => (entry.startsWith('file:') ? fileURLToPath(entry) : entry));
}

/**
 * Whether a run started the AWS SDK. Its code is in dist/cli.cjs either way (initialised on demand,
 * and the file is read from the code cache, not through require()), so the sign: the SDK's first
 * act is to load node:fs/promises, which no code of ours loads. "the same check sees the SDK"
 * below shows it does see a run that uses the SDK.
 */
const ranSdk = (loaded: string[]): boolean => loaded.some((entry) => /^(node:)?fs\/promises$/.test(entry));

const expectToken = (stdout: string): string => {
  expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
  return stdout.trim();
};

describe('without the AWS SDK', () => {
  test.each(['cjs'] as const)('a fresh SRP sign-in (%s launcher) loads no SDK code and needs no AWS credentials', async (kind) => {
    const env = { ...world.envWithoutCredentials(freshHome()), MMBATCH_AUTH_PASSWORD: PASSWORD };
    world.stack.resetCalls();
    const result = await runTraced(LAUNCHERS[kind], ['token', '--no-cache'], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(jwtClaims(expectToken(result.stdout))).toMatchObject({ token_use: 'access', client_id: world.clientId });
    expect(operations(world)).toEqual(['InitiateAuth', 'RespondToAuthChallenge']);
    const files = ownFiles(result.loaded);
    expect(files.some((file) => file.includes('/dist/launchCli.cjs'))).toBe(true); // the full CLI ran, not the cache's fast path
    expect(files.filter((file) => file.includes('node_modules'))).toEqual([]);
    expect(ranSdk(result.loaded)).toBe(false);
  });

  test('the same check sees the SDK when a run does load it (the admin flow, signed)', async () => {
    const result = await runTraced(LAUNCHERS.cjs, ['token', '--no-cache', '--flow', 'admin'], {
      ...world.env(freshHome()),
      MMBATCH_AUTH_PASSWORD: PASSWORD,
    });
    expect(result.code).toBe(0);
    expectToken(result.stdout);
    expect(ranSdk(result.loaded)).toBe(true);
  });

  test('a wrong password: exit 3, empty stdout, one line on stderr, and still no SDK', async () => {
    const env = { ...world.envWithoutCredentials(freshHome()), MMBATCH_AUTH_PASSWORD: 'Not-The-Password-1!' };
    const result = await runTraced(LAUNCHERS.cjs, ['token', '--no-cache'], env);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('mmbatch-auth: authentication failed: incorrect username or password\n');
    expect(ranSdk(result.loaded)).toBe(false);
  });

  test('login, renewal with the refresh token, and logout: no SDK either', async () => {
    const home = freshHome();
    const env = world.envWithoutCredentials(home);
    const login = await runTraced(LAUNCHERS.cjs, ['login'], { ...env, MMBATCH_AUTH_PASSWORD: PASSWORD });
    expect(login.code).toBe(0);
    expireCachedToken(home);
    world.stack.resetCalls();
    const renewed = await runTraced(LAUNCHERS.cjs, ['token'], env);
    expect(renewed.code).toBe(0);
    expectToken(renewed.stdout);
    expect(operations(world)).toEqual(['InitiateAuth']);
    const logout = await runTraced(LAUNCHERS.cjs, ['logout', '--json'], env);
    expect(logout.code).toBe(0);
    expect(JSON.parse(logout.stdout)).toEqual({ username: ADMIN, revoked: true, deleted: true });
    for (const run of [login, renewed, logout]) expect(ranSdk(run.loaded)).toBe(false);
    // Nor the SRP maths for a renewal or a logout (only a sign-in with the password needs them):
    // recognised by the helper's key-derivation label and the prefix of Cognito's SRP modulus.
    const hasSrpCode = (file: string) => /Caldera Derived Key|C90FDAA22168C234/i.test(readFileSync(file, 'utf8'));
    expect(ownFiles(login.loaded).filter(hasSrpCode)).not.toEqual([]);
    for (const run of [renewed, logout]) expect(ownFiles(run.loaded).filter(hasSrpCode)).toEqual([]);
  });
});

describe('the SRP maths load while Cognito answers the first call', () => {
  // cognito-srp-helper with jsbn and crypto-js (dist/srpMaths.cjs) take some 12 ms to load and set
  // up, and only the second call needs them: loaded before InitiateAuth leaves, they would hold it back.
  afterEach(() => world.stack.setDelay(0));

  test('dist/srpMaths.cjs is loaded after InitiateAuth reached Cognito and before its answer came back', async () => {
    const env = { ...world.envWithoutCredentials(freshHome()), MMBATCH_AUTH_PASSWORD: PASSWORD };
    world.stack.setDelay(400);
    world.stack.resetCalls();
    const result = await runTraced(LAUNCHERS.cjs, ['token', '--no-cache'], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expectToken(result.stdout);
    expect(operations(world)).toEqual(['InitiateAuth', 'RespondToAuthChallenge']);
    const [initiate] = world.stack.calls;
    const maths = [...result.loadedAt].find(([file]) => file.endsWith('/dist/srpMaths.cjs'));
    expect(maths).toBeDefined();
    const loadedAt = maths![1];
    // Two processes' clocks of one event: the request has left (its 'finish') a fraction of a
    // millisecond before the stack's handler sees it. Loaded before the request, it would be some
    // 12-28 ms before (the old build's figure).
    expect(loadedAt).toBeGreaterThan(initiate.start - 3);
    expect(loadedAt).toBeLessThan(initiate.end);
  });
});

describe('faults', () => {
  test('throttling is retried: the sign-in succeeds, and --verbose shows the retry without a secret', async () => {
    world.stack.injectFault({ service: 'cognito-idp', operation: 'InitiateAuth', error: 'throttle', times: 1 });
    world.stack.resetCalls();
    const result = await world.cli(['token', '--no-cache', '--verbose'], { home: freshHome(), env: { MMBATCH_AUTH_PASSWORD: PASSWORD }, credentials: false });
    expect(result.code).toBe(0);
    const token = expectToken(result.stdout);
    expect(operations(world)).toEqual(['InitiateAuth', 'InitiateAuth', 'RespondToAuthChallenge']);
    expect(result.stderr).toContain('cognito-idp InitiateAuth attempt failed: TooManyRequestsException (HTTP 400)');
    expect(result.stderr).toMatch(/← cognito-idp InitiateAuth ok \(\d+ ms, 2 attempts\)/);
    expect(result.stderr).not.toContain(PASSWORD);
    expect(result.stderr).not.toContain(token);
  });

  test('a 5xx answer to the challenge response is retried too', async () => {
    world.stack.injectFault({ service: 'cognito-idp', operation: 'RespondToAuthChallenge', error: 'internal', times: 1 });
    world.stack.resetCalls();
    const result = await world.cli(['token', '--no-cache'], { home: freshHome(), env: { MMBATCH_AUTH_PASSWORD: PASSWORD }, credentials: false });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expectToken(result.stdout);
    expect(operations(world)).toEqual(['InitiateAuth', 'RespondToAuthChallenge', 'RespondToAuthChallenge']);
  });

  test('throttling that lasts: exit 1 after AWS_MAX_ATTEMPTS attempts (as for the SDK clients), one line naming the call, empty stdout', async () => {
    world.stack.injectFault({ service: 'cognito-idp', operation: 'InitiateAuth', error: 'throttle', times: 5 });
    world.stack.resetCalls();
    const result = await world.cli(['token', '--no-cache'], { home: freshHome(), env: { MMBATCH_AUTH_PASSWORD: PASSWORD, AWS_MAX_ATTEMPTS: '3' }, credentials: false });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('mmbatch-auth: cognito-idp:InitiateAuth failed: TooManyRequestsException: Rate exceeded\n');
    expect(operations(world)).toEqual(['InitiateAuth', 'InitiateAuth', 'InitiateAuth']);
  });
});

describe('handing over to the AWS SDK', () => {
  let configDir: string;
  beforeAll(() => {
    configDir = mkdtempSync(join(tmpdir(), 'mmbatch-auth-aws-config-'));
  });
  afterAll(() => rmSync(configDir, { recursive: true, force: true }));

  test("an endpoint only the SDK resolves (the profile's endpoint_url): the SDK signs in, still without credentials", async () => {
    const config = join(configDir, 'config');
    writeFileSync(config, `[profile emulator]\nendpoint_url = ${world.stack.endpoint}\n`);
    const { AWS_ENDPOINT_URL: _unused, ...withoutEndpoint } = world.envWithoutCredentials(freshHome());
    const env = { ...withoutEndpoint, AWS_CONFIG_FILE: config, AWS_PROFILE: 'emulator', MMBATCH_AUTH_PASSWORD: PASSWORD };
    world.stack.resetCalls();
    const result = await runTraced(LAUNCHERS.cjs, ['token', '--no-cache', '--verbose'], env);
    expect(result.code).toBe(0);
    expectToken(result.stdout);
    expect(result.stderr).toContain("the AWS profile 'emulator' sets endpoint_url: signing in through the AWS SDK");
    expect(operations(world)).toEqual(['InitiateAuth', 'RespondToAuthChallenge']);
    expect(ranSdk(result.loaded)).toBe(true);
  });
});
