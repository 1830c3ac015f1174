// A teardown racing a setup of the same name run elsewhere (another machine, another CI job: no
// lock is shared). Teardown turns Cognito off on the server, then deletes; if that other setup
// pushes its proven settings in between, the server is switched back to the very user pool about
// to go, and deleting it would leave the server pointed at nothing: nobody could sign in to it.
// So the server is asked again right before the user pool is deleted; if it uses the pool now,
// the pool stays (with its deletion protection back on) and teardown stops saying why (exit 2).
// The next teardown turns the server off again and finishes.
//
// The other setup's push is played by writing the server's settings when the pool's deletion
// protection is being lifted: every AWS call is answered 100 ms late, so the push lands before
// teardown's last look.
import { readFileSync } from 'node:fs';
// @ts-expect-error: plain JS test support
import { runCli } from './support/cli.mjs';
import { Homes, startWorld, type World } from './support/world.js';

const PASSWORD = 'Race-Test-Pass-123!';
const ADMIN = 'race@example.com';

let world: World;
let stack: any;
const homes = new Homes(() => world);

beforeAll(async () => {
  world = await startWorld({ server: false });
  stack = world.stack;
});

afterAll(async () => {
  homes.cleanup();
  await world?.stop();
});

afterEach(() => stack.setDelay(0));

/** A whole setup of this name, with its own stand-in server: what teardown then takes apart. */
async function setUp(name: string) {
  const home = homes.empty();
  const server = await world.startServer();
  const env = { ...stack.env(), ...home.env, MMBATCH_AUTH_PASSWORD: PASSWORD };
  const setup = await runCli(['setup', '--yes', '--json', '--name', name, '--admin-email', ADMIN, '--admin-password-stdin', '--server', server.url], { env, stdin: PASSWORD });
  expect(setup.code).toBe(0);
  return { home, server, env, ids: JSON.parse(setup.stdout) };
}

test('a setup elsewhere switches the server to the pool mid-teardown: the pool is kept, protected, and teardown says so; the next one finishes', async () => {
  const { home, server, env, ids } = await setUp('race');
  const pushed = { enabled: true, userPoolID: ids.userPoolId, clientID: ids.clientId, identityPoolID: ids.identityPoolId };

  stack.resetCalls();
  stack.setDelay(100);
  let switched = false;
  const watcher = setInterval(() => {
    const lifting = stack.calls.some((c: any) => c.operation === 'UpdateUserPool');
    if (lifting && !switched) {
      switched = true;
      Object.assign(server.config.security.cognito, pushed);
    }
  }, 2);
  const raced = await runCli(['teardown', '--yes'], { env });
  clearInterval(watcher);
  stack.setDelay(0);
  expect(switched).toBe(true);

  expect(raced.code).toBe(2);
  expect(raced.stderr).toContain(`the MMBatch server ${server.url} was switched to user pool ${ids.userPoolId} while teardown ran`);
  expect(stack.calls.map((c: any) => c.operation)).not.toContain('DeleteUserPool');
  expect(await world.userPool(ids.userPoolId)).toBe(true);
  expect(await world.deletionProtection(ids.userPoolId)).toBe('ACTIVE');
  expect(server.config.security.cognito).toMatchObject(pushed);
  // The record still names the pool, so the next teardown knows what to finish.
  const record = Object.values(JSON.parse(readFileSync(home.settingsFile, 'utf8')).setups)[0] as any;
  expect(record.resources.userPool.id).toBe(ids.userPoolId);

  const again = await runCli(['teardown', '--yes'], { env });
  expect(again.stderr).not.toContain('while teardown ran');
  expect(again.code).toBe(0);
  expect(server.config.security.cognito.enabled).toBe(false);
  expect(await world.userPool(ids.userPoolId)).toBe(false);
});

test('without a race, the last look at the server adds no AWS call and the pool goes', async () => {
  const { server, env, ids } = await setUp('norace');
  const reads = server.calls.length;
  stack.resetCalls();
  const result = await runCli(['teardown', '--yes'], { env });
  expect(result.code).toBe(0);
  expect(await world.userPool(ids.userPoolId)).toBe(false);
  // The settings read when locating, again by the admin's sign-in (the pool it names), and once
  // more between lifting the deletion protection and deleting the pool: no AWS call of its own.
  expect(server.calls.slice(reads).filter((c: any) => c.method === 'GET').length).toBe(3);
  expect(stack.writeCalls().map((c: any) => c.operation).sort()).toEqual(['DeleteIdentityPool', 'DeleteRole', 'DeleteUserPool', 'UpdateUserPool']);
});
