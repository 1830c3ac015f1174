// How many AWS calls setup makes one after another, from the stack's call log (the longest chain
// of calls each of which waited for the one before: see test/support/critical-path.mjs). The
// figures are in the README; a change that lengthens the critical path fails here.
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
let stack: any;
let server: any;
const home = tempHome();

beforeAll(async () => {
  // No IAM propagation window here: it is waited out by retries, which would lengthen the path by
  // the emulator's choice of window, not by ours.
  stack = await startStack({ delayMs: DELAY_MS, iamPropagationMs: 0 });
  server = await startMmbatchServer({ issuerFor: (_r: string, poolId: string) => stack.issuer(poolId), jwksUriFor: (_r: string, poolId: string) => stack.jwksUri(poolId) });
});

afterAll(async () => {
  await server?.stop();
  await stack?.stop();
  home.cleanup();
});

async function setupPath(): Promise<string[]> {
  stack.resetCalls();
  const result = await runCli(['setup', '--yes', '--json', '--admin-email', 'ops@example.com', '--server', server.url, '--admin-password-stdin'], {
    env: { ...stack.env(), ...home.env },
    stdin: 'Path-Test-Pass-123!',
  });
  expect(result).toMatchObject({ code: 0, stderr: '' });
  return criticalPath(stack.calls);
}

test('from nothing: 4 rounds make every resource, 2 more prove the identity pool', async () => {
  const path = await setupPath();
  // The pool (beside the reads: see setupEarlyPool.test.ts), what lives in it (client, group, admin;
  // and the pool's MFA, which TOTP can only have once the pool exists, beside them), the identity
  // pool (and the admin's password and group), the role (and the admin's sign-in), its mapping (and
  // GetId), the credentials.
  expect(path).toHaveLength(6);
  const [create] = stack.calls.filter((c: any) => c.operation === 'CreateUserPool');
  const [lookup] = stack.calls.filter((c: any) => c.operation === 'ListUserPools');
  expect(create.start).toBeLessThan(lookup.end); // the pool is made beside the first reads
  expect(path[path.length - 1]).toBe('GetCredentialsForIdentity');
  const mfa = stack.calls.find((c: any) => c.operation === 'SetUserPoolMfaConfig');
  const client = stack.calls.find((c: any) => c.operation === 'CreateUserPoolClient');
  expect(mfa.start).toBeLessThan(client.end); // the MFA configuration goes beside the client, not before it
  // The writes to one user pool go at once (the stack, like Cognito, takes them): client, group and admin together.
  const creates = stack.calls.filter((c: any) => ['CreateUserPoolClient', 'CreateGroup', 'AdminCreateUser'].includes(c.operation));
  const overlap = Math.min(...creates.map((c: any) => c.end)) > Math.max(...creates.map((c: any) => c.start));
  expect(overlap).toBe(true);
});

test('again: one round of reads (the proof of the password among them), no write', async () => {
  const path = await setupPath();
  expect(path).toHaveLength(1);
  const operations = stack.calls.filter((c: any) => c.cli).map((c: any) => c.operation).sort();
  expect(operations).toEqual([
    'AdminGetUser',
    'AdminInitiateAuth',
    'AdminListGroupsForUser',
    'DescribeIdentityPool',
    'DescribeUserPool',
    'DescribeUserPoolClient',
    'GetCallerIdentity', // the preflight's: who will act (beside the reads, no round of its own)
    'GetGroup',
    'GetIdentityPoolRoles',
    'GetRole',
    'GetRolePolicy',
    'GetUserPoolMfaConfig',
    'ListAttachedRolePolicies',
    'ListRolePolicies',
  ]);
  expect(stack.writeCalls()).toEqual([]);
});

test('the early sign-in is used only while the app client is as it was: a repaired client is signed in to afresh', async () => {
  const { CognitoIdentityProviderClient, UpdateUserPoolClientCommand } = await import('@aws-sdk/client-cognito-identity-provider');
  const { readFileSync } = await import('node:fs');
  const { resources } = JSON.parse(readFileSync(home.settingsFile, 'utf8')).setups.mmbatch;
  const idp = new CognitoIdentityProviderClient({ region: stack.region, endpoint: stack.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  // Drift by hand: the admin flow, which setup's proof of the password uses, taken away.
  await idp.send(new UpdateUserPoolClientCommand({ UserPoolId: resources.userPool.id, ClientId: resources.appClient.id, ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], PreventUserExistenceErrors: 'ENABLED', EnableTokenRevocation: true }));
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
