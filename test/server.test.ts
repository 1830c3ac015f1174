// `server push|status|disable` end to end: the real binary, the stand-in server verifying real
// tokens, and the admin's session renewed by its refresh token when the cached token has expired.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startWorld, type World } from './support/world.js';
// @ts-expect-error: plain JS test support
import { runCli, tempHome } from './support/cli.mjs';

const PASSWORD = 'Server-Cmd-Pass-123!';
const ADMIN = 'push@example.com';

let world: World;
const home = tempHome();

beforeAll(async () => {
  world = await startWorld();
});

afterAll(async () => {
  home.cleanup();
  await world?.stop();
});

const cli = (args: string[], stdin = '') => runCli(args, { env: { ...world.stack.env(), ...home.env }, stdin });
const writesToServer = (from: number) => world.server.calls.slice(from).filter((c: any) => c.method !== 'GET');

function expireCachedTokens() {
  const dir = join(home.env.XDG_CACHE_HOME, 'mmbatch-auth');
  for (const name of readdirSync(dir).filter((n) => n.startsWith('token-'))) {
    const record = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    writeFileSync(join(dir, name), JSON.stringify({ ...record, expiresAt: Date.now() - 1000 }), { mode: 0o600 });
  }
}

test('setup without a server leaves it alone; server status reads it without a token', async () => {
  const setup = await cli(['setup', '--yes', '--json', '--name', 'srvcmd', '--admin-email', ADMIN, '--admin-password-stdin'], PASSWORD);
  expect(setup.code).toBe(0);
  expect(JSON.parse(setup.stdout).server).toBeNull();
  const status = await cli(['server', 'status', '--json', '--server', world.server.url]);
  expect(status.code).toBe(0);
  expect(JSON.parse(status.stdout)).toMatchObject({ url: world.server.url, enabled: false, adminGroups: [] });
});

test('server push enables Cognito with the recorded IDs, keeps the rest of the configuration, and is idempotent', async () => {
  const before = JSON.stringify({ node: world.server.config.node, job: world.server.config.job, ckpt: world.server.config.ckpt });
  const push = await cli(['server', 'push', '--json', '--server', world.server.url, '--password-stdin'], PASSWORD);
  expect(push.stderr).toBe('');
  expect(push.code).toBe(0);
  expect(JSON.parse(push.stdout)).toMatchObject({ action: 'created', verified: true });
  const { resources } = JSON.parse(readFileSync(home.settingsFile, 'utf8')).setups.srvcmd;
  expect(world.server.config.security.cognito).toMatchObject({
    enabled: true,
    userPoolID: resources.userPool.id,
    clientID: resources.appClient.id,
    identityPoolID: resources.identityPool.id,
    adminGroups: ['admin'],
  });
  expect(JSON.stringify({ node: world.server.config.node, job: world.server.config.job, ckpt: world.server.config.ckpt })).toBe(before);

  const callsBefore = world.server.calls.length;
  const again = await cli(['server', 'push', '--json', '--server', world.server.url]);
  expect(again.code).toBe(0);
  expect(JSON.parse(again.stdout).action).toBe('unchanged');
  expect(writesToServer(callsBefore)).toEqual([]);
});

test('server disable with an expired cached token renews it with the refresh token: no password needed', async () => {
  expireCachedTokens();
  world.stack.resetCalls();
  const disable = await cli(['server', 'disable', '--json', '--server', world.server.url]);
  expect(disable.stderr).toBe('');
  expect(disable.code).toBe(0);
  expect(JSON.parse(disable.stdout)).toMatchObject({ enabled: false, action: 'updated' });
  expect(world.server.config.security.cognito.enabled).toBe(false);
  // One unsigned refresh, no password sign-in.
  expect(world.stack.calls.map((c: any) => c.operation)).toEqual(['InitiateAuth']);

  const again = await cli(['server', 'disable', '--json', '--server', world.server.url]);
  expect(again.code).toBe(0);
  expect(JSON.parse(again.stdout).action).toBe('unchanged');
});

test('without a token or a password, server push names the missing input (exit 2) and changes nothing', async () => {
  const fresh = tempHome();
  try {
    const setupEnv = { ...world.stack.env(), ...fresh.env };
    // The settings file from the first home, but no token cache.
    const settingsDir = join(fresh.env.XDG_CONFIG_HOME, 'mmbatch-auth');
    mkdirSync(settingsDir, { recursive: true, mode: 0o700 });
    writeFileSync(join(settingsDir, 'config.json'), readFileSync(home.settingsFile, 'utf8'), { mode: 0o600 });
    const callsBefore = world.server.calls.length;
    const push = await runCli(['server', 'push', '--server', world.server.url], { env: setupEnv });
    expect(push.code).toBe(2);
    expect(push.stdout).toBe('');
    expect(push.stderr.split('\n')[0]).toBe(`mmbatch-auth: the password of ${ADMIN} is required: pass --password-stdin or set MMBATCH_AUTH_PASSWORD`);
    expect(writesToServer(callsBefore)).toEqual([]);
    expect(world.server.config.security.cognito.enabled).toBe(false);
  } finally {
    fresh.cleanup();
  }
});

test('--dry-run: api shows the request and sends nothing; logout keeps the session', async () => {
  const callsBefore = world.server.calls.length;
  world.stack.resetCalls();
  const api = await cli(['api', 'PUT', '/api/v1/configKV', '--json', '--dry-run', '--server', world.server.url, '--data', '{"kvMap":{"node.ttl":"5m"}}']);
  expect(api.code).toBe(0);
  expect(JSON.parse(api.stdout)).toEqual({ method: 'PUT', url: `${world.server.url}/api/v1/configKV`, body: { kvMap: { 'node.ttl': '5m' } }, dryRun: true });
  expect(world.server.calls.length).toBe(callsBefore);

  const dir = join(home.env.XDG_CACHE_HOME, 'mmbatch-auth');
  const files = () => readdirSync(dir).filter((n) => n.startsWith('token-'));
  const before = files();
  expect(before.length).toBeGreaterThan(0);
  const logout = await cli(['logout', '--json', '--dry-run']);
  expect(logout.code).toBe(0);
  expect(JSON.parse(logout.stdout)).toEqual({ username: ADMIN, revoke: true, delete: true, dryRun: true });
  expect(files()).toEqual(before);
  expect(world.stack.calls).toEqual([]);
});

// `server disable --name X` acts for the setup X: a server that uses another setup's pool (or one no
// record names) is not X's to turn off, even when the admin could sign in to that pool.
test("server disable --name for a setup whose pool the server does not use: refused (exit 2), the server stays on", async () => {
  const other = tempHome();
  try {
    const env = { ...world.stack.env(), ...other.env };
    const prod = await runCli(['setup', '--yes', '--json', '--name', 'prod', '--admin-email', ADMIN, '--admin-password-stdin', '--server', world.server.url], { env, stdin: PASSWORD });
    expect(prod.code).toBe(0);
    const staging = await runCli(['setup', '--yes', '--json', '--name', 'staging', '--admin-email', ADMIN, '--admin-password-stdin'], { env, stdin: PASSWORD });
    expect(staging.code).toBe(0);
    const prodPool = JSON.parse(prod.stdout).userPoolId;
    const writes = world.server.calls.length;

    const refused = await runCli(['server', 'disable', '--yes', '--name', 'staging', '--server', world.server.url, '--password-stdin'], { env, stdin: PASSWORD });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(new RegExp(`^mmbatch-auth: the MMBatch server .* uses user pool ${prodPool}, which is not the setup 'staging''s`, 'm'));
    expect(writesToServer(writes)).toEqual([]);
    expect(world.server.config.security.cognito).toMatchObject({ enabled: true, userPoolID: prodPool });

    const disabled = await runCli(['server', 'disable', '--yes', '--json', '--name', 'prod', '--server', world.server.url, '--password-stdin'], { env, stdin: PASSWORD });
    expect(disabled.code).toBe(0);
    expect(world.server.config.security.cognito.enabled).toBe(false);
  } finally {
    other.cleanup();
  }
});
