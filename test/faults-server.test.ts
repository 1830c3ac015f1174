// The MMBatch server failing while the real binary pushes to it: a 422, a 500, a garbled answer,
// silence, a dropped connection. Each time: exit 4 with the server's own words, and the server
// keeps its previous settings (asserted on its live configuration), so nobody is locked out.
// The AWS side that setup finished stays recorded, and the next run completes the push.
import { readFileSync } from 'node:fs';
// @ts-expect-error: plain JS test support
import { runCli, tempHome } from './support/cli.mjs';
import { startWorld, type World } from './support/world.js';

const PASSWORD = 'Server-Faults-Pass-123!';
const ADMIN = 'pager@example.com';
// Short enough to keep the suite fast, long enough for a loaded CI machine to answer a healthy call.
const TIMEOUT_SECONDS = '1.5';

let stack: any;
let server: any;
let aws: World;
const first = tempHome();
const second = tempHome();
let firstIds: any;

beforeAll(async () => {
  aws = await startWorld();
  ({ stack, server } = aws);
  // The server starts out in use: Cognito on, with a first setup's pool.
  const result = await setup(first, 'first');
  expect(result.code).toBe(0);
  firstIds = JSON.parse(result.stdout);
});

afterAll(async () => {
  first.cleanup();
  second.cleanup();
  await aws?.stop();
});

afterEach(() => server.clearFaults());

type Home = { env: Record<string, string>; settingsFile: string };

function setup(home: Home, name: string, extra: string[] = []) {
  return runCli(['setup', '--yes', '--json', '--name', name, '--admin-email', ADMIN, '--admin-password-stdin', '--server', server.url, ...extra], {
    env: { ...stack.env(), ...home.env, MMBATCH_AUTH_SERVER_TIMEOUT: TIMEOUT_SECONDS },
    stdin: PASSWORD,
  });
}

const snapshot = () => JSON.parse(JSON.stringify(server.config));

describe('a refused or failed push leaves the server as it was', () => {
  test.each([
    // An answer that refuses or fails is the server's (4); no answer at all is the network's (1).
    ['status422', 'mmbatch-auth: the server refused PUT /api/v1/security/cognito: 422 Invalid argument (error 1003)', 4],
    ['status500', 'mmbatch-auth: the server refused PUT /api/v1/security/cognito: 500 internal error (error 1000)', 4],
    ['garbage', "mmbatch-auth: the server's answer to PUT /api/v1/security/cognito is not JSON", 4],
    ['timeout', `mmbatch-auth: the server at ${'URL'} did not answer within ${TIMEOUT_SECONDS} s`, 1],
    // The request went out whole and no answer came: from here it may have been carried out.
    ['reset', `mmbatch-auth: the connection to the server at ${'URL'} was lost after PUT /api/v1/security/cognito was sent: it may have been carried out`, 1],
  ])('%s: the message shown, the server still on the first pool', async (kind, message, code) => {
    const before = snapshot();
    expect(before.security.cognito).toMatchObject({ enabled: true, userPoolID: firstIds.userPoolId });
    stack.resetCalls();
    server.injectFault({ method: 'PUT', path: '/api/v1/security/cognito', kind });
    const started = Date.now();
    const result = await setup(second, 'second');
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toContain(message.replace('URL', server.url));
    // Not one field of the server's configuration changed.
    expect(snapshot()).toEqual(before);
    // The AWS side is done and recorded: the next run only has the push left.
    const record = JSON.parse(readFileSync(second.settingsFile, 'utf8')).setups.second;
    const recorded = Object.fromEntries(Object.entries({ userPoolId: 'userPool', clientId: 'appClient', identityPoolId: 'identityPool', roleArn: 'iamRole' }).map(([key, kind]) => [key, record.resources[kind]?.id]));
    expect(await aws.recordedButMissing(recorded)).toEqual([]);
    expect(recorded.identityPoolId).toBeDefined();
    expect(record.server).toBeUndefined();
    if (kind === 'timeout') expect(Date.now() - started).toBeLessThan(10_000);
  });

  test('with the server healthy again, the next run completes the push (and only the push)', async () => {
    stack.resetCalls();
    const result = await setup(second, 'second');
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc.changes.filter((c: any) => c.action !== 'unchanged').map((c: any) => c.resource)).toEqual(['server']);
    expect(server.config.security.cognito).toMatchObject({ enabled: true, userPoolID: doc.userPoolId, clientID: doc.clientId });
    expect(stack.writeCalls()).toEqual([]);
  });
});

describe('no proof, no push', () => {
  test("without the admin's password there is no token to prove the admin can sign in: the server is not touched (exit 2)", async () => {
    const third = tempHome();
    try {
      const before = snapshot();
      const serverCalls = server.calls.length;
      const result = await runCli(['setup', '--yes', '--json', '--name', 'third', '--admin-email', ADMIN, '--server', server.url], {
        env: { ...stack.env(), ...third.env },
      });
      expect(result.code).toBe(2);
      expect(result.stderr.split('\n')).toContain(
        "mmbatch-auth: the admin's password (the server is switched only after the admin has signed in to the new pool) is required: pass --admin-password-stdin or set MMBATCH_AUTH_PASSWORD",
      );
      expect(server.calls.slice(serverCalls).every((c: any) => c.method === 'GET')).toBe(true);
      expect(snapshot()).toEqual(before);
    } finally {
      third.cleanup();
    }
  });
});

describe('reading the server fails', () => {
  test.each([
    ['status500', 'mmbatch-auth: the server refused GET /api/v1/security/cognito: 500 internal error (error 1000)', 4],
    ['garbage', "mmbatch-auth: the server's answer to GET /api/v1/security/cognito is not JSON", 4],
    ['timeout', `mmbatch-auth: the server at URL did not answer within ${TIMEOUT_SECONDS} s`, 1],
  ])('status, %s: exits with the message', async (kind, message, code) => {
    server.injectFault({ method: 'GET', path: '/api/v1/security/cognito', kind });
    const result = await runCli(['status'], { env: { ...stack.env(), ...second.env, MMBATCH_AUTH_SERVER_TIMEOUT: TIMEOUT_SECONDS } });
    expect(result.code).toBe(code);
    expect(result.stderr.split('\n')).toContain(message.replace('URL', server.url));
  });
});

describe('server push', () => {
  test('a 422 on push: exit 4, the server unchanged', async () => {
    // Point the server back at the first pool by hand, so that `server push` from the second has work to do.
    Object.assign(server.config.security.cognito, { userPoolID: firstIds.userPoolId, clientID: firstIds.clientId, identityPoolID: firstIds.identityPoolId });
    const before = snapshot();
    server.injectFault({ method: 'PUT', path: '/api/v1/security/cognito', kind: 'status422' });
    const result = await runCli(['server', 'push', '--password-stdin'], { env: { ...stack.env(), ...second.env }, stdin: PASSWORD });
    expect(result.code).toBe(4);
    expect(result.stderr.split('\n')).toContain('mmbatch-auth: the server refused PUT /api/v1/security/cognito: 422 Invalid argument (error 1003)');
    expect(snapshot()).toEqual(before);
  });
});
