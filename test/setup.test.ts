// setup end to end: the real binary against the local stack, every setting checked through the
// services' own Describe/Get calls (the emulators would not enforce them).
import {
  AdminListGroupsForUserCommand,
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  GetGroupCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  CognitoIdentityClient,
  DescribeIdentityPoolCommand,
  GetIdentityPoolRolesCommand,
  ListIdentityPoolsCommand,
  UpdateIdentityPoolCommand,
} from '@aws-sdk/client-cognito-identity';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { spawn } from 'node:child_process';
import { startWorld, type World } from './support/world.js';
// @ts-expect-error: plain JS test support
import { BIN, runCli, tempHome } from './support/cli.mjs';

const PASSWORD = 'Setup-Test-Pass-123!';

/** One setup's record, flat: the IDs it names. */
function recordOf(file: string, name: string) {
  const record = JSON.parse(readFileSync(file, 'utf8')).setups[name];
  const id = (kind: string) => record?.resources?.[kind]?.id;
  return { userPoolId: id('userPool'), clientId: id('appClient'), identityPoolId: id('identityPool'), roleArn: id('iamRole') };
}
const ADMIN = 'ops@example.com';

let world: World;
let stack: any;
let server: any;
let idp: CognitoIdentityProviderClient;
let identity: CognitoIdentityClient;
let iam: IAMClient;

beforeAll(async () => {
  world = await startWorld();
  ({ stack, server, idp, identity, iam } = world);
});

afterAll(() => world?.stop());

function setup(home: { env: Record<string, string> }, extra: string[] = [], options: { password?: string | null; name?: string; env?: Record<string, string> } = {}) {
  const password = options.password === undefined ? PASSWORD : options.password;
  return runCli(
    ['setup', '--yes', '--json', '--name', options.name ?? 'mmbatch', '--admin-email', ADMIN, '--server', server.url, ...(password ? ['--admin-password-stdin'] : []), ...extra],
    { env: { ...stack.env(), ...home.env, ...options.env }, stdin: password ?? '' },
  );
}

describe('setup from nothing', () => {
  const home = tempHome();
  let doc: any;
  afterAll(() => home.cleanup());

  test('creates every resource, pushes to the server and proves it', async () => {
    const otherFieldsBefore = JSON.stringify({ ckpt: server.config.ckpt, node: server.config.node, job: server.config.job });
    const result = await setup(home);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    doc = JSON.parse(result.stdout);
    expect(doc).toMatchObject({ region: stack.region, adminGroup: 'admin', adminUsername: ADMIN, server: { url: server.url, enabled: true } });
    expect(doc.changes.map((c: any) => [c.resource, c.action])).toEqual([
      ['userPool', 'created'],
      ['appClient', 'created'],
      ['adminGroup', 'created'],
      ['adminUser', 'created'],
      ['identityPool', 'created'],
      ['iamRole', 'created'],
      ['identityPoolRoles', 'created'],
      // The server existed (with Cognito off): switched, not made.
      ['server', 'updated'],
    ]);
    // The server now holds exactly these IDs, and kept every other part of its configuration.
    expect(server.config.security.cognito).toMatchObject({ enabled: true, userPoolID: doc.userPoolId, clientID: doc.clientId, identityPoolID: doc.identityPoolId });
    expect(JSON.stringify({ ckpt: server.config.ckpt, node: server.config.node, job: server.config.job })).toBe(otherFieldsBefore);
    // The proof: an authenticated GET /api/v1/config with a real token.
    expect(server.calls.some((c: any) => c.method === 'GET' && c.path === '/api/v1/config' && c.authorized)).toBe(true);
  });

  test('the user pool has the safe settings', async () => {
    const { UserPool } = await idp.send(new DescribeUserPoolCommand({ UserPoolId: doc.userPoolId }));
    expect(UserPool?.AdminCreateUserConfig?.AllowAdminCreateUserOnly).toBe(true);
    expect(UserPool?.UsernameAttributes).toEqual(['email']);
    expect(UserPool?.AutoVerifiedAttributes).toEqual(['email']);
    expect(UserPool?.DeletionProtection).toBe('ACTIVE');
  });

  test('the app client is public with exactly the default flows', async () => {
    const { UserPoolClient } = await idp.send(new DescribeUserPoolClientCommand({ UserPoolId: doc.userPoolId, ClientId: doc.clientId }));
    expect(UserPoolClient?.ClientSecret).toBeUndefined();
    expect([...(UserPoolClient?.ExplicitAuthFlows ?? [])].sort()).toEqual(['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH']);
    expect(UserPoolClient?.PreventUserExistenceErrors).toBe('ENABLED');
  });

  test('the admin is in the admin group', async () => {
    await idp.send(new GetGroupCommand({ UserPoolId: doc.userPoolId, GroupName: 'admin' }));
    const { Groups } = await idp.send(new AdminListGroupsForUserCommand({ UserPoolId: doc.userPoolId, Username: ADMIN }));
    expect(Groups?.map((g) => g.GroupName)).toEqual(['admin']);
  });

  test('the identity pool is authenticated-only, federated from the pool, with the role bound to it', async () => {
    const pool = await identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: doc.identityPoolId }));
    expect(pool.AllowUnauthenticatedIdentities).toBe(false);
    expect(pool.CognitoIdentityProviders).toEqual([
      { ProviderName: `cognito-idp.${stack.region}.amazonaws.com/${doc.userPoolId}`, ClientId: doc.clientId, ServerSideTokenCheck: true },
    ]);
    const roles = await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: doc.identityPoolId }));
    expect(roles.Roles).toEqual({ authenticated: doc.roleArn });
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: doc.roleArn.split('/').pop() }));
    const trust = JSON.parse(decodeURIComponent(Role!.AssumeRolePolicyDocument!));
    expect(trust.Statement).toHaveLength(1);
    expect(trust.Statement[0]).toMatchObject({
      Effect: 'Allow',
      Principal: { Federated: 'cognito-identity.amazonaws.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'cognito-identity.amazonaws.com:aud': doc.identityPoolId },
        'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
      },
    });
  });

  test('the settings file records every ID under the setup name, private to the user', () => {
    const settings = JSON.parse(readFileSync(home.settingsFile, 'utf8'));
    expect(settings.version).toBe(2);
    expect(settings.setups.mmbatch.resources).toMatchObject({
      userPool: { id: doc.userPoolId, origin: 'created' },
      appClient: { id: doc.clientId, origin: 'created' },
      identityPool: { id: doc.identityPoolId, origin: 'created' },
      iamRole: { id: doc.roleArn, origin: 'created' },
    });
    expect(JSON.stringify(settings)).not.toContain(PASSWORD);
    expect(statSync(home.settingsFile).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(home.settingsFile)).mode & 0o777).toBe(0o700);
  });

  test('a second run changes nothing and makes no write call', async () => {
    stack.resetCalls();
    const serverCallsBefore = server.calls.length;
    const result = await setup(home);
    expect(result.code).toBe(0);
    const again = JSON.parse(result.stdout);
    expect(again.changes.every((c: any) => c.action === 'unchanged')).toBe(true);
    expect(again.changes).toHaveLength(8);
    expect({ userPoolId: again.userPoolId, clientId: again.clientId, identityPoolId: again.identityPoolId }).toEqual({
      userPoolId: doc.userPoolId,
      clientId: doc.clientId,
      identityPoolId: doc.identityPoolId,
    });
    expect(stack.writeCalls()).toEqual([]);
    expect(server.calls.slice(serverCallsBefore).filter((c: any) => c.method !== 'GET')).toEqual([]);
  });

  test('drift made by hand is put back and reported updated', async () => {
    const { UserPool } = await idp.send(new DescribeUserPoolCommand({ UserPoolId: doc.userPoolId }));
    await idp.send(new UpdateUserPoolCommand({ UserPoolId: doc.userPoolId, AdminCreateUserConfig: { AllowAdminCreateUserOnly: false }, AutoVerifiedAttributes: ['email'], DeletionProtection: 'ACTIVE', Policies: UserPool!.Policies }));
    await idp.send(new UpdateUserPoolClientCommand({ UserPoolId: doc.userPoolId, ClientId: doc.clientId, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH'], PreventUserExistenceErrors: 'ENABLED' }));
    const pool = await identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: doc.identityPoolId }));
    await identity.send(new UpdateIdentityPoolCommand({ ...pool, AllowUnauthenticatedIdentities: true, $metadata: undefined } as any));

    const result = await setup(home);
    expect(result.code).toBe(0);
    const repaired = JSON.parse(result.stdout);
    const actions = Object.fromEntries(repaired.changes.map((c: any) => [c.resource, c.action]));
    expect(actions).toMatchObject({ userPool: 'updated', appClient: 'updated', identityPool: 'updated', adminUser: 'unchanged', server: 'unchanged' });

    const after = await idp.send(new DescribeUserPoolCommand({ UserPoolId: doc.userPoolId }));
    expect(after.UserPool?.AdminCreateUserConfig?.AllowAdminCreateUserOnly).toBe(true);
    const client = await idp.send(new DescribeUserPoolClientCommand({ UserPoolId: doc.userPoolId, ClientId: doc.clientId }));
    expect(client.UserPoolClient?.ExplicitAuthFlows).not.toContain('ALLOW_USER_PASSWORD_AUTH');
    const idPool = await identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: doc.identityPoolId }));
    expect(idPool.AllowUnauthenticatedIdentities).toBe(false);
  });
});

describe('--dry-run', () => {
  const home = tempHome();
  afterAll(() => home.cleanup());

  test('prints the plan and writes nothing, to AWS, the server or the settings file', async () => {
    stack.resetCalls();
    const serverCallsBefore = server.calls.length;
    const result = await setup(home, ['--dry-run'], { name: 'dryrun' });
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout);
    expect(plan.dryRun).toBe(true);
    // The contract's three words, in a plan too (the top-level dryRun says nothing was done).
    expect(plan.changes.filter((c: any) => c.resource !== 'server').map((c: any) => c.action)).toEqual(Array(7).fill('created'));
    expect(plan.changes.find((c: any) => c.resource === 'server')).toMatchObject({ action: 'updated' });
    expect(stack.writeCalls()).toEqual([]);
    expect(server.calls.slice(serverCallsBefore).filter((c: any) => c.method !== 'GET')).toEqual([]);
    expect(() => readFileSync(home.settingsFile)).toThrow();
  });
});

describe('an interrupted run', () => {
  const home = tempHome();
  afterAll(() => home.cleanup());

  const countPoolsNamed = async (name: string) => {
    const { UserPools } = await idp.send(new ListUserPoolsCommand({ MaxResults: 60 }));
    return (UserPools ?? []).filter((p) => p.Name === name).length;
  };

  test('a failure half-way leaves a settings file true to what exists, and the next run resumes without duplicates', async () => {
    stack.injectFault({ service: 'cognito-identity', operation: 'CreateIdentityPool', error: 'accessDenied', times: 1 });
    const first = await setup(home, [], { name: 'resume' });
    expect(first.code).toBe(1);
    expect(first.stdout).toBe('');
    expect(first.stderr).toMatch(/^mmbatch-auth: access denied: .*cognito-identity:CreateIdentityPool/);
    const recorded = recordOf(home.settingsFile, 'resume');
    expect(recorded.userPoolId).toBeDefined();
    expect(recorded.clientId).toBeDefined();
    expect(recorded.identityPoolId).toBeUndefined();

    const second = await setup(home, [], { name: 'resume' });
    expect(second.code).toBe(0);
    const doc = JSON.parse(second.stdout);
    const actions = Object.fromEntries(doc.changes.map((c: any) => [c.resource, c.action]));
    expect(actions).toMatchObject({ userPool: 'unchanged', appClient: 'unchanged', identityPool: 'created', iamRole: 'created' });
    expect(doc.userPoolId).toBe(recorded.userPoolId);
    expect(await countPoolsNamed('resume')).toBe(1);
    const { UserPoolClients } = await idp.send(new ListUserPoolClientsCommand({ UserPoolId: doc.userPoolId, MaxResults: 60 }));
    expect(UserPoolClients).toHaveLength(1);
  });

  test('a run killed mid-way (SIGKILL, right after the pool is recorded) is resumed without duplicates', async () => {
    const killed = tempHome();
    try {
      // Slow every call down, start setup, and kill it as soon as the settings file records the
      // user pool: a point where some resources exist and others do not.
      stack.setDelay(150);
      const child = spawn(process.execPath, [BIN, 'setup', '--yes', '--json', '--name', 'killed', '--admin-email', ADMIN, '--admin-password-stdin'], {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, CI: '1', ...stack.env(), ...killed.env },
        stdio: ['pipe', 'ignore', 'ignore'],
      });
      child.stdin.end(PASSWORD);
      const exited = new Promise<string | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline && !/"userPool":/.test(existsSync(killed.settingsFile) ? readFileSync(killed.settingsFile, 'utf8') : '')) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      // A call already on the wire when the process died still lands (here after the 150 ms delay);
      // an operator re-runs seconds later, so let it land before resuming, or the resumed run's
      // lookup by name races it and creates a second client.
      await new Promise((resolve) => setTimeout(resolve, 400));
      stack.setDelay(0);
      const recorded = recordOf(killed.settingsFile, 'killed');
      expect(recorded.userPoolId).toBeDefined();
      expect(recorded.identityPoolId).toBeUndefined();

      const second = await runCli(['setup', '--yes', '--json', '--name', 'killed', '--admin-email', ADMIN, '--admin-password-stdin'], {
        env: { ...stack.env(), ...killed.env },
        stdin: PASSWORD,
      });
      expect(second.code).toBe(0);
      const doc = JSON.parse(second.stdout);
      expect(doc.userPoolId).toBe(recorded.userPoolId);
      expect(await countPoolsNamed('killed')).toBe(1);
      const { UserPoolClients } = await idp.send(new ListUserPoolClientsCommand({ UserPoolId: doc.userPoolId, MaxResults: 60 }));
      expect(UserPoolClients).toHaveLength(1);
      const { IdentityPools } = await identity.send(new ListIdentityPoolsCommand({ MaxResults: 60 }));
      expect(IdentityPools?.filter((p) => p.IdentityPoolName === 'killed')).toHaveLength(1);
    } finally {
      stack.setDelay(0);
      killed.cleanup();
    }
  });
});

describe('bad input stops before any call', () => {
  const home = tempHome();
  afterAll(() => home.cleanup());

  test.each([
    [['--admin-email', 'not-an-email'], /invalid e-mail address 'not-an-email'/],
    [['--admin-email', ADMIN, '--server', 'ftp://x'], /invalid server URL/],
    [['--admin-email', ADMIN, '--role-arn', 'arn:aws:iam::1:role/x'], /invalid IAM role ARN/],
    [['--admin-email', ADMIN, '--auth-flows', 'MAGIC'], /unknown auth flow 'ALLOW_MAGIC'/],
    [['--admin-email', ADMIN, '--region', 'mars'], /invalid region 'mars'/],
    [[], /the first admin's e-mail is required: pass --admin-email/],
  ])('%j', async (args, message) => {
    stack.resetCalls();
    const result = await runCli(['setup', '--yes', ...args], { env: { ...stack.env(), ...home.env } });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toMatch(message);
    expect(stack.calls).toEqual([]);
  });
});
