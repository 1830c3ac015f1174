// Plain http:// to another host: whatever crosses it can be read (and changed) on the way. The
// admin's password (setup, users add), the tokens Cognito answers with, an ID token sent for AWS
// credentials, and the bearer token an `api` call sends to the MMBatch server. Emulators and
// servers on this machine (localhost, 127.0.0.0/8, [::1]) are what plain http is for, and stay
// quiet; any other host gets one warning per run on stderr, naming the URL, before anything is sent,
// as --insecure does (`aws` and `curl` send without a word; docker refuses such a registry unless
// it is listed). The run itself goes on: the URL was the operator's choice.
//
// "Another host" here is this machine's own non-loopback address, forwarded to the local stack:
// a real connection to a host that is not loopback as written.
import { createServer, connect, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import { Homes, PASSWORD, expireCachedToken, jwtClaims, startWorld, type SetUpWorld as World } from './support/world.js';

let world: World;
const homes = new Homes(() => world);
const forwarders: Server[] = [];

/** An address of this machine that is not loopback as written (its first non-internal IPv4, else its host name). */
function nonLoopbackHost(): string {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) if (address.family === 'IPv4' && !address.internal) return address.address;
  }
  return hostname();
}

/** A TCP forwarder listening on every interface, passing each connection to a local port. */
async function forwardTo(url: string): Promise<string> {
  const target = new URL(url);
  const server = createServer((socket) => {
    const upstream = connect(Number(target.port), target.hostname);
    socket.pipe(upstream).pipe(socket);
    const close = () => {
      socket.destroy();
      upstream.destroy();
    };
    socket.on('error', close);
    upstream.on('error', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  forwarders.push(server);
  return `http://${nonLoopbackHost()}:${(server.address() as AddressInfo).port}`;
}

const warnings = (stderr: string) => stderr.split('\n').filter((line) => line.includes('is plain http:'));

beforeAll(async () => {
  world = await startWorld({ setup: true });
});

afterAll(async () => {
  homes.cleanup();
  for (const server of forwarders) await new Promise((resolve) => server.close(resolve));
  await world?.stop();
});

describe('an AWS endpoint of plain http on another host', () => {
  test('a fresh token: one warning naming the endpoint, then the token (the lean path hands over to the full CLI)', async () => {
    const endpoint = await forwardTo(world.stack.endpoint);
    const home = homes.fresh();
    const env = { AWS_ENDPOINT_URL: endpoint };
    const fresh = await world.cli(['token', '--password-stdin'], { home, env, stdin: PASSWORD });
    expect(fresh.code).toBe(0);
    expect(warnings(fresh.stderr)).toEqual([`mmbatch-auth: warning: the AWS endpoint ${endpoint} is plain http: anyone on the path can read the passwords, tokens and AWS credentials it carries`]);
    expect(jwtClaims(fresh.stdout.trim()).token_use).toBe('access');
  });

  test('a token the refresh token renews: warned too', async () => {
    const endpoint = await forwardTo(world.stack.endpoint);
    const home = homes.fresh();
    const login = await world.cli(['login', '--password-stdin'], { home, stdin: PASSWORD });
    expect(login.code).toBe(0);
    expireCachedToken(home);
    const renewed = await world.cli(['token'], { home, env: { AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: endpoint } });
    expect(renewed.stderr).toContain('is plain http:');
    expect(renewed.code).toBe(0);
    expect(warnings(renewed.stderr)).toHaveLength(1);
    expect(renewed.stderr).toContain(endpoint);
  });

  test('setup: one warning for the whole run (four AWS clients and a sign-in)', async () => {
    const endpoint = await forwardTo(world.stack.endpoint);
    const home = homes.fresh();
    const again = await world.cli(['setup', '--yes', '--admin-password-stdin', '--server', world.server.url], { home, env: { AWS_ENDPOINT_URL: endpoint }, stdin: PASSWORD });
    expect(again.code).toBe(0);
    expect(warnings(again.stderr)).toEqual([`mmbatch-auth: warning: the AWS endpoint ${endpoint} is plain http: anyone on the path can read the passwords, tokens and AWS credentials it carries`]);
  });

  test('--endpoint-url to another host over plain http: warned the same way', async () => {
    const endpoint = await forwardTo(world.stack.endpoint);
    const home = homes.fresh();
    const result = await world.cli(['--endpoint-url', endpoint, 'user-pool', 'show'], { home });
    expect(result.code).toBe(0);
    expect(warnings(result.stderr)).toHaveLength(1);
  });
});

describe('an MMBatch server of plain http on another host', () => {
  test('api: one warning naming the server before the token is sent, then the answer', async () => {
    const server = await forwardTo(world.server.url);
    const home = homes.fresh();
    const result = await world.cli(['api', 'GET', '/api/v1/config', '--server', server], { home, env: { MMBATCH_AUTH_PASSWORD: PASSWORD } });
    expect(result.stderr).toContain('is plain http:');
    expect(result.code).toBe(0);
    expect(warnings(result.stderr)).toEqual([`mmbatch-auth: warning: the MMBatch server ${server} is plain http: anyone on the path can read the tokens sent to it and change its answers`]);
    expect(JSON.parse(result.stdout).security.cognito.enabled).toBe(true);
  });
});

describe('plain http on this machine (emulators, a local server)', () => {
  test('no warning: setup, a fresh token, api, all on 127.0.0.1', async () => {
    const home = homes.fresh();
    const setup = await world.cli(['setup', '--yes', '--admin-password-stdin', '--server', world.server.url], { home, stdin: PASSWORD });
    expect(setup.code).toBe(0);
    const token = await world.cli(['token', '--password-stdin'], { home, stdin: PASSWORD });
    expect(token.code).toBe(0);
    const api = await world.cli(['api', 'GET', '/api/v1/config'], { home });
    expect(api.code).toBe(0);
    for (const result of [setup, token, api]) expect(warnings(result.stderr)).toEqual([]);
    for (const url of [world.stack.endpoint, world.server.url]) expect(new URL(url).hostname).toBe('127.0.0.1');
  });

  test.each(['http://localhost:4566', 'http://127.9.9.9:4566', 'http://[::1]:4566', 'http://db.localhost:4566'])('%s is this machine: no warning', async (endpoint) => {
    // Nothing listens there: the call fails (exit 1), and no warning came before it.
    const home = homes.fresh();
    const result = await world.cli(['user-pool', 'show'], { home, env: { AWS_ENDPOINT_URL: endpoint, AWS_MAX_ATTEMPTS: '1' } });
    expect(result.code).toBe(1);
    expect(warnings(result.stderr)).toEqual([]);
  });
});
