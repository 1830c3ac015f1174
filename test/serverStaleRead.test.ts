// What setup believes of the server before it decides "nothing to switch": the unauthenticated GET
// /api/v1/security/cognito may be answered by a cache or a proxy in front of the server, and a
// server with Cognito off accepts any bearer. So when that GET says the server already uses the
// setup, the authenticated GET /api/v1/config (which setup calls anyway, as its proof) must say so
// too; if it does not, the server is switched as if the GET had said so.
import { createServer, request } from 'node:http';
import { startWorld, type World } from './support/world.js';
// @ts-expect-error: plain JS test support
import { runCli, tempHome } from './support/cli.mjs';

const PASSWORD = 'Stale-Read-Pass-123!';
const ADMIN = 'stale@example.com';

let world: World;
const home = tempHome();
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  home.cleanup();
  await world?.stop();
});

/** In front of the stand-in server: every request passed on, but GET of the Cognito section answered with `stale`. */
async function staleCache(target: string, stale: unknown) {
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/api/v1/security/cognito') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stale));
      return;
    }
    const upstream = request(new URL(req.url!, target), { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode!, answer.headers);
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

test('the GET says the setup is in force, the authenticated config says Cognito is off: setup switches the server, exit 0', async () => {
  const env = { ...world.stack.env(), ...home.env };
  const setup = (url: string) => runCli(['setup', '--yes', '--json', '--name', 'stale', '--admin-email', ADMIN, '--admin-password-stdin', '--server', url], { env, stdin: PASSWORD });
  const first = await setup(world.server.url);
  expect(first.code).toBe(0);
  const inForce = { ...world.server.config.security.cognito, region: 'us-east-1', adminGroups: 'admin' };
  expect(inForce.enabled).toBe(true);
  world.server.config.security.cognito.enabled = false; // someone turned it off since

  const cache = await staleCache(world.server.url, inForce);
  try {
    const again = await setup(cache.url);
    expect(again.stderr).not.toMatch(/mmbatch-auth:/);
    expect(again.code).toBe(0);
    const server = JSON.parse(again.stdout).changes.find((change: any) => change.resource === 'server');
    expect(server.action).not.toBe('unchanged');
    expect(world.server.config.security.cognito).toMatchObject({ enabled: true, userPoolID: JSON.parse(first.stdout).userPoolId });
  } finally {
    await cache.close();
  }
});
