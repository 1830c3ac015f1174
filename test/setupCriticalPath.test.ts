// How many AWS calls setup makes one after another, counted on the local stack with every call
// delayed: calls that wait for each other arrive a delay apart, calls made at once together.
// The numbers are in bench/README.md; a change that lengthens the critical path fails here.
import { startWorld, type World } from './support/world.js';
// @ts-expect-error: plain JS test support
import { runCli, tempHome } from './support/cli.mjs';
// @ts-expect-error: plain JS
import { sequentialWaves } from '../bench/lib/waves.mjs';

const DELAY_MS = 250;
let world: World;
let stack: any;
let server: any;
const home = tempHome();

beforeAll(async () => {
  world = await startWorld({ delayMs: DELAY_MS });
  ({ stack, server } = world);
});

afterAll(async () => {
  await world?.stop();
  home.cleanup();
});

async function setupWaves(): Promise<string[][]> {
  stack.resetCalls();
  const result = await runCli(['setup', '--yes', '--json', '--admin-email', 'ops@example.com', '--server', server.url, '--admin-password-stdin'], {
    env: { ...stack.env(), ...home.env },
    stdin: 'Path-Test-Pass-123!',
  });
  expect(result).toMatchObject({ code: 0, stderr: '' });
  return sequentialWaves(stack.calls, DELAY_MS);
}

test('from nothing: 7 sequential AWS calls, the user pool\'s writes one at a time', async () => {
  const waves = await setupWaves();
  expect(waves.map((wave) => wave.sort())).toEqual([
    ['GetRole', 'ListIdentityPools', 'ListUserPools'],
    ['CreateUserPool'],
    ['CreateGroup', 'CreateUserPoolClient'],
    ['AdminCreateUser', 'CreateIdentityPool'],
    ['AdminSetUserPassword', 'CreateRole'],
    ['AdminAddUserToGroup', 'SetIdentityPoolRoles'],
    ['AdminInitiateAuth'],
  ]);
});

test('again: one round of calls, every read and the proof of the password at once', async () => {
  const waves = await setupWaves();
  expect(waves).toHaveLength(1);
  expect(waves[0].sort()).toEqual([
    'AdminGetUser',
    'AdminInitiateAuth',
    'AdminListGroupsForUser',
    'DescribeIdentityPool',
    'DescribeUserPool',
    'DescribeUserPoolClient',
    'GetGroup',
    'GetIdentityPoolRoles',
    'GetRole',
  ]);
  expect(stack.writeCalls()).toEqual([]);
});

test('the early sign-in is used only while the app client is as it was: a repaired client is signed in to afresh', async () => {
  const { CognitoIdentityProviderClient, UpdateUserPoolClientCommand } = await import('@aws-sdk/client-cognito-identity-provider');
  const { readFileSync } = await import('node:fs');
  const { userPoolId, clientId } = JSON.parse(readFileSync(home.settingsFile, 'utf8'));
  const idp = new CognitoIdentityProviderClient({ region: stack.region, endpoint: stack.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  // Drift by hand: the admin flow, which setup's proof of the password uses, taken away.
  await idp.send(new UpdateUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId, ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], PreventUserExistenceErrors: 'ENABLED' }));
  idp.destroy();
  stack.setDelay(0);
  const result = await runCli(['setup', '--yes', '--json', '--admin-email', 'ops@example.com', '--server', server.url, '--admin-password-stdin'], {
    env: { ...stack.env(), ...home.env },
    stdin: 'Path-Test-Pass-123!',
  });
  expect(result).toMatchObject({ code: 0, stderr: '' });
  const actions = Object.fromEntries(JSON.parse(result.stdout).changes.map((c: { resource: string; action: string }) => [c.resource, c.action]));
  expect(actions).toMatchObject({ appClient: 'updated', adminUser: 'unchanged', server: 'unchanged' });
});
