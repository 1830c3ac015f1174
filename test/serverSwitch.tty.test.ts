// Switching a server that another setup's pool already protects, on a terminal: the switch must be
// signed by one of THAT pool's admins. With none signed in here, setup asks for one before any
// write; a person who is not an admin there cannot switch it, and the server is left as it was.
import { AdminCreateUserCommand, AdminSetUserPasswordCommand } from '@aws-sdk/client-cognito-identity-provider';
import { startWorld, settingsOf, type Home, type World } from './support/world.js';
// @ts-expect-error: plain JS test support
import { runInPty } from './support/pty.mjs';
// @ts-expect-error: plain JS test support
import { tempHome } from './support/cli.mjs';

const PROD_ADMIN = 'prod-admin@example.com';
const PROD_PASSWORD = 'Prod-Admin-Pass-123!';
const VIEWER = 'viewer@example.com'; // a member of prod's pool, not in its admin group
const VIEWER_PASSWORD = 'Viewer-Pass-123456!';
const STAGING_ADMIN = 'staging-admin@example.com';
const STAGING_PASSWORD = 'Staging-Admin-Pass-123!';

let world: World;
let prodPool: string;
let prodClient: string;
const homes: Home[] = [];
const newHome = (): Home => {
  const home = tempHome();
  homes.push(home);
  return home;
};

beforeAll(async () => {
  world = await startWorld();
  const prodHome = newHome();
  const prod = await world.cli(['setup', '--yes', '--json', '--name', 'prod', '--admin-email', PROD_ADMIN, '--server', world.server.url, '--admin-password-stdin'], { home: prodHome, stdin: PROD_PASSWORD });
  expect(prod).toMatchObject({ code: 0, stderr: '' });
  prodPool = settingsOf(prodHome).setups.prod.resources.userPool.id;
  prodClient = settingsOf(prodHome).setups.prod.resources.appClient.id;
  await world.idp.send(new AdminCreateUserCommand({ UserPoolId: prodPool, Username: VIEWER, MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: VIEWER }, { Name: 'email_verified', Value: 'true' }] }));
  await world.idp.send(new AdminSetUserPasswordCommand({ UserPoolId: prodPool, Username: VIEWER, Password: VIEWER_PASSWORD, Permanent: true }));
});

afterAll(async () => {
  for (const home of homes) home.cleanup();
  await world?.stop();
});

/** staging's setup on a terminal, from a home with no sign-in of prod's pool: up to the question who signs the switch. */
async function stagingUpToTheSwitch(home: Home) {
  const env = { ...world.env(home), HOME: home.dir, CI: '' };
  const pty = runInPty(['setup', '--name', 'staging', '--admin-email', STAGING_ADMIN, '--server', world.server.url, '--mfa', 'optional'], { env, cols: 160, rows: 40, timeoutMs: 90_000 });
  await pty.expect(/Password for staging-admin@example\.com/);
  pty.sendLine(STAGING_PASSWORD);
  await pty.expect('The same password again');
  pty.sendLine(STAGING_PASSWORD);
  await pty.expect(`The server uses user pool ${prodPool} now: switching it needs one of that pool's admins`);
  await pty.expect(`An admin of ${prodPool}`);
  // Asked before anything is written: the question comes from the preflight.
  expect(world.stack.writeCalls()).toEqual([]);
  return pty;
}

test("in a script, a saved sign-in of a non-admin of the other pool is not used to sign the switch: refused before any write", async () => {
  const home = newHome();
  const login = await world.cli(['login', '--region', world.stack.region, '--user-pool-id', prodPool, '--client-id', prodClient, '--username', VIEWER, '--password-stdin'], { home, stdin: VIEWER_PASSWORD });
  expect(login).toMatchObject({ code: 0 });
  world.stack.resetCalls();
  const result = await world.cli(['setup', '--yes', '--name', 'staging-ci', '--admin-email', STAGING_ADMIN, '--server', world.server.url, '--admin-password-stdin'], { home, stdin: STAGING_PASSWORD });
  expect(result.code).toBe(3);
  expect(result.stderr).toContain(`needs a token of one of that pool's admins (admin)`);
  expect(world.stack.writeCalls()).toEqual([]);
});

test("a member of the other pool who is no admin there cannot switch the server: refused, nothing of prod's changed", async () => {
  world.stack.resetCalls();
  const before = JSON.stringify(world.server.config.security.cognito);
  const pty = await stagingUpToTheSwitch(newHome());
  pty.sendLine(VIEWER);
  await pty.expect(/Password for viewer@example\.com/);
  pty.sendLine(VIEWER_PASSWORD);
  // Refused at once, before the plan and before any write: the server would refuse a non-admin's switch.
  await pty.expect(`viewer@example.com signed in to ${prodPool} but is in none of its admin groups (admin)`);
  expect(await pty.exit()).toEqual({ code: 3, signal: null });
  expect(pty.output().text).not.toContain('Go ahead?');
  expect(world.stack.writeCalls()).toEqual([]);
  expect(JSON.stringify(world.server.config.security.cognito)).toBe(before);
  expect(world.server.config.security.cognito.userPoolID).toBe(prodPool);
  const { text } = pty.output();
  for (const secret of [VIEWER_PASSWORD, STAGING_PASSWORD]) expect(text).not.toContain(secret);
});

test("an admin of the other pool signs the switch: asked once, then the plan, then the server uses staging's pool", async () => {
  world.stack.resetCalls();
  const home = newHome();
  const pty = await stagingUpToTheSwitch(home);
  pty.sendLine(PROD_ADMIN);
  await pty.expect(/Password for prod-admin@example\.com/);
  pty.sendLine(PROD_PASSWORD);
  await pty.expect('Go ahead?');
  expect(world.stack.writeCalls()).toEqual([]);
  pty.sendLine('');
  await pty.expect('Set up an authenticator app for staging-admin@example.com now?');
  pty.sendLine('n');
  expect(await pty.exit()).toEqual({ code: 0, signal: null });
  const staging = settingsOf(home).setups.staging.resources;
  expect(staging.userPool.id).not.toBe(prodPool);
  expect(world.server.config.security.cognito).toMatchObject({ enabled: true, userPoolID: staging.userPool.id, clientID: staging.appClient.id });
  expect(await world.userPool(prodPool)).toBe(true); // prod's pool is not staging's to touch
  const { text } = pty.output();
  for (const secret of [PROD_PASSWORD, STAGING_PASSWORD]) expect(text).not.toContain(secret);
});
