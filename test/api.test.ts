// `api` end to end: an authenticated call to the stand-in MMBatch server, which verifies the token's
// RS256 signature against the stack's JWKS; the body on stdout; 4xx/5xx on stderr with exit 4;
// bad input refused (exit 2) before any call.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  PASSWORD,
  homeWithSettingsOf,
  operations,
  readTokenFile,
  startWorld,
  tempHome,
  tokenFiles,
  type Home,
  type SetUpWorld as World,
} from './support/world.js';

let world: World;
let home: Home;
const homes: Home[] = [];

beforeAll(async () => {
  world = await startWorld({ setup: true });
  home = homeWithSettingsOf(world);
  homes.push(home);
  // The admin signs in once; every api call below reuses (or renews) that session.
  const login = await world.cli(['login', '--password-stdin'], { home, stdin: PASSWORD });
  if (login.code !== 0) throw new Error(login.stderr);
});

afterAll(async () => {
  for (const h of homes) h.cleanup();
  await world?.stop();
});

const serverCallsSince = (count: number) => world.server.calls.slice(count);

describe('api', () => {
  test('GET reaches the server with a token it verifies; the body is on stdout', async () => {
    const before = world.server.calls.length;
    const result = await world.cli(['api', 'GET', '/api/v1/config'], { home });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const config = JSON.parse(result.stdout);
    expect(config.security.cognito).toMatchObject({ enabled: true, userPoolID: world.userPoolId, clientID: world.clientId });
    expect(serverCallsSince(before)).toEqual([{ method: 'GET', path: '/api/v1/config', authorized: true, bearer: true, status: 200 }]);
  });

  test('PUT with --data JSON, @file and @- sends that body', async () => {
    const inline = await world.cli(['api', 'PUT', '/api/v1/configKV', '--data', '{"kvMap":{"node.ttl":"7m"}}'], { home });
    expect(inline.code).toBe(0);
    expect(JSON.parse(inline.stdout).node.ttl).toBe('7m');
    expect(world.server.config.node.ttl).toBe('7m');

    const dir = mkdtempSync(join(tmpdir(), 'mmbatch-auth-api-'));
    const file = join(dir, 'body.json');
    writeFileSync(file, '{"kvMap":{"node.ttl":"8m"}}');
    const fromFile = await world.cli(['api', 'put', '/api/v1/configKV', '--data', `@${file}`], { home });
    expect(fromFile.code).toBe(0);
    expect(world.server.config.node.ttl).toBe('8m');
    rmSync(dir, { recursive: true, force: true });

    const fromStdin = await world.cli(['api', 'PUT', '/api/v1/configKV', '--data', '@-'], { home, stdin: '{"kvMap":{"node.ttl":"9m"}}' });
    expect(fromStdin.code).toBe(0);
    expect(world.server.config.node.ttl).toBe('9m');
  });

  test('a 4xx: status and server message on stderr, exit 4, nothing on stdout', async () => {
    const result = await world.cli(['api', 'PUT', '/api/v1/configKV', '--data', '{"kvMap":{"node.ttl":{"not":"a string"}}}'], { home });
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^mmbatch-auth: the server refused PUT \/api\/v1\/configKV: 4\d\d /);
    const missing = await world.cli(['api', 'GET', '/api/v1/nothing-here'], { home });
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain('404');
  });

  test('a server that does not answer at all (connection refused): exit 1, the network failed; no answer, so not the server refusing', async () => {
    const result = await world.cli(['api', 'GET', '/api/v1/config', '--server', 'http://127.0.0.1:1'], { home });
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toBe('mmbatch-auth: cannot reach the server at http://127.0.0.1:1: ECONNREFUSED');
    expect(result.code).toBe(1);
  });

  test('a non-admin on an admin operation: 403, exit 4, with the hint', async () => {
    const user = 'plain-user@example.com';
    expect((await world.cli(['users', 'add', user, '--password-stdin'], { stdin: PASSWORD })).code).toBe(0);
    const userHome = homeWithSettingsOf(world);
    homes.push(userHome);
    const result = await world.cli(['api', 'DELETE', '/api/v1/security/cognito', '--username', user], {
      home: userHome,
      env: { MMBATCH_AUTH_PASSWORD: PASSWORD },
    });
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('403');
    expect(result.stderr).toContain('admin groups');
    expect(world.server.config.security.cognito.enabled).toBe(true);
  });

  test('a cached token whose signature is not the pool\'s is never sent: it is renewed first, then the call made', async () => {
    const [file] = tokenFiles(home);
    const record = readTokenFile(home);
    // Looks fresh by its expiry, but its signature is not the pool's: the cache's check refuses it.
    const forged = `${record.accessToken.split('.').slice(0, 2).join('.')}.AAAA`;
    writeFileSync(file, JSON.stringify({ ...record, accessToken: forged }), { mode: 0o600 });
    const before = world.server.calls.length;
    world.stack.resetCalls();
    const result = await world.cli(['api', 'GET', '/api/v1/log/config'], { home });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(serverCallsSince(before).map((c: any) => c.status)).toEqual([200]);
    expect(operations(world)).toEqual(['InitiateAuth']);
    expect(readTokenFile(home).accessToken).not.toBe(forged);
  });

  test('with only MMBATCH_SERVER: discovery, then the call', async () => {
    const bare = tempHome();
    homes.push(bare);
    const result = await world.cli(['api', 'GET', '/api/v1/config'], {
      home: bare,
      env: { MMBATCH_SERVER: world.server.url, MMBATCH_AUTH_USERNAME: 'ops@example.com', MMBATCH_AUTH_PASSWORD: PASSWORD },
      credentials: false,
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).security.cognito.enabled).toBe(true);
  });

  test.each([
    [['api', 'FETCH', '/api/v1/config'], 'invalid method'],
    [['api', 'GET', 'api/v1/config'], 'invalid path'],
    [['api', 'PUT', '/api/v1/configKV', '--data', '{not json'], 'not valid JSON'],
    [['api', 'PUT', '/api/v1/configKV', '--data', '@/no/such/file.json'], 'cannot read the --data file'],
  ])('bad input %j: exit 2 before any call', async (args, message) => {
    const before = world.server.calls.length;
    world.stack.resetCalls();
    const result = await world.cli(args, { home });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(world.server.calls.length).toBe(before);
    expect(operations(world)).toEqual([]);
  });
});
