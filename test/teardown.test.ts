// teardown end to end: the real binary against the local stack and the stand-in server. What it
// deletes, in which order, what it never touches, and what is left after it stops half-way:
// every assertion about state is made through the services' own Describe/Get calls.
import { CreateUserPoolClientCommand, CreateUserPoolCommand, CreateUserPoolDomainCommand, DeleteUserPoolDomainCommand } from '@aws-sdk/client-cognito-identity-provider';
import { CreateIdentityPoolCommand, DescribeIdentityPoolCommand, GetIdentityPoolRolesCommand, SetIdentityPoolRolesCommand, UpdateIdentityPoolCommand } from '@aws-sdk/client-cognito-identity';
import { CreateRoleCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { PassThrough } from 'node:stream';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
// @ts-expect-error: plain JS test support
import { runCli, tempHome } from './support/cli.mjs';
import { startWorld, type World } from './support/world.js';
import { createContext } from '../src/cli/context.js';
import { createAwsClients } from '../src/aws/clients.js';
import { reportError } from '../src/cli/report.js';
import { run as runTeardown } from '../src/commands/teardown/run.js';

const PASSWORD = 'Teardown-Test-Pass-123!';
const ADMIN = 'owner@example.com';

type Home = { env: Record<string, string>; settingsFile: string; cleanup: () => void };

let stack: any;
let aws: World;

const startServer = () => aws.startServer();

beforeAll(async () => {
  aws = await startWorld({ server: false });
  stack = aws.stack;
});

afterAll(async () => {
  await aws?.stop();
});

const env = (home: Home, extra: Record<string, string> = {}) => ({ ...stack.env(), ...home.env, ...extra });
/** The files under the home's cache folder ($XDG_CACHE_HOME/mmbatch-auth). */
const keptFiles = (home: Home): string[] => {
  try {
    return readdirSync(join(home.env.XDG_CACHE_HOME, 'mmbatch-auth'));
  } catch {
    return [];
  }
};
const settingsOf = (home: Home) => JSON.parse(readFileSync(home.settingsFile, 'utf8'));
/** One setup's record, flat (its IDs), or undefined once teardown has removed it. */
function recordOf(home: Home, name: string) {
  const record = settingsOf(home).setups[name];
  if (!record) return undefined;
  const id = (kind: string) => record.resources[kind]?.id;
  return { ...record, userPoolId: id('userPool'), clientId: id('appClient'), identityPoolId: id('identityPool'), roleArn: id('iamRole') };
}

/** A teardown while every call of one operation fails (internal error; two attempts each). */
async function teardownWhileFailing(home: Home, fault: { service: string; operation: string }, extra: string[] = []) {
  stack.injectFault({ ...fault, error: 'internal', times: 10 });
  try {
    return await teardown(home, ['--yes', '--no-server', ...extra], { env: { AWS_MAX_ATTEMPTS: '2' } });
  } finally {
    stack.clearFaults();
  }
}

async function setup(home: Home, name: string, extra: string[] = []) {
  const result = await runCli(['setup', '--yes', '--json', '--name', name, '--admin-email', ADMIN, '--admin-password-stdin', ...extra], { env: env(home), stdin: PASSWORD });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
}

const teardown = (home: Home, extra: string[] = [], options: { env?: Record<string, string>; stdin?: string } = {}) =>
  runCli(['teardown', ...extra], { env: env(home, options.env), stdin: options.stdin ?? '' });

describe('teardown of a whole setup, with the server using it', () => {
  const home = tempHome();
  let server: any;
  let ids: any;

  beforeAll(async () => {
    server = await startServer();
    ids = await setup(home, 'whole', ['--server', server.url]);
  });
  afterAll(async () => {
    await server?.stop();
    home.cleanup();
  });

  const allExist = async () => ({
    userPool: await aws.userPool(ids.userPoolId),
    appClient: await aws.appClient(ids.userPoolId, ids.clientId),
    identityPool: await aws.identityPool(ids.identityPoolId),
    role: await aws.role(ids.roleArn),
  });

  test('without --yes and without a terminal it refuses, naming --yes, before any call', async () => {
    stack.resetCalls();
    const serverCalls = server.calls.length;
    const result = await teardown(home);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toBe('mmbatch-auth: teardown deletes resources and cannot ask for confirmation here: pass --yes');
    expect(stack.calls).toEqual([]);
    expect(server.calls.length).toBe(serverCalls);
  });

  test('--dry-run lists what it would do, in reverse order, server first, and changes nothing', async () => {
    stack.resetCalls();
    const serverCalls = server.calls.length;
    const result = await teardown(home, ['--dry-run', '--json']);
    expect(result.code).toBe(0);
    // The app client goes with its pool: no call of its own.
    expect(JSON.parse(result.stdout)).toEqual({
      name: 'whole',
      actions: [
        { resource: 'server', id: server.url, action: 'disable' },
        { resource: 'identityPool', id: ids.identityPoolId, action: 'delete' },
        { resource: 'iamRole', id: ids.roleArn, action: 'delete' },
        { resource: 'userPool', id: ids.userPoolId, action: 'delete' },
      ],
      kept: [],
      dryRun: true,
    });
    expect(stack.writeCalls()).toEqual([]);
    expect(server.calls.slice(serverCalls).every((c: any) => c.method === 'GET')).toBe(true);
    expect(await aws.deletionProtection(ids.userPoolId)).toBe('ACTIVE');

    const human = await teardown(home, ['--dry-run']);
    expect(human.stdout.split('\n').slice(0, 5)).toEqual([
      'teardown would, in this order:',
      `  1. turn Cognito off on the MMBatch server ${server.url} (it uses user pool ${ids.userPoolId})`,
      `  2. delete identity pool ${ids.identityPoolId}`,
      '  3. delete IAM role whole-cognito-authenticated',
      `  4. delete user pool ${ids.userPoolId} with its users and groups (lifting its deletion protection)`,
    ]);
  });

  test('when the server refuses to turn Cognito off, nothing in AWS is deleted (exit 4)', async () => {
    stack.resetCalls();
    server.injectFault({ method: 'DELETE', path: '/api/v1/security/cognito', kind: 'status500' });
    const result = await teardown(home, ['--yes']);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('mmbatch-auth: the server refused DELETE /api/v1/security/cognito: 500 internal error');
    expect(stack.writeCalls()).toEqual([]);
    expect(server.config.security.cognito).toMatchObject({ enabled: true, userPoolID: ids.userPoolId });
    expect(await allExist()).toEqual({ userPool: true, appClient: true, identityPool: true, role: true });
    expect(recordOf(home, 'whole')).toMatchObject({ userPoolId: ids.userPoolId, clientId: ids.clientId, identityPoolId: ids.identityPoolId, roleArn: ids.roleArn });
  });

  test('--yes: Cognito off on the server (with an admin token of that pool) first, then each resource in reverse order', async () => {
    // The admin's identity-pool credentials, kept as `aws-credentials` keeps them: teardown must not leave them behind.
    const credentials = await runCli(['aws-credentials', '--name', 'whole'], { env: env(home) });
    expect(credentials.code).toBe(0);
    expect(keptFiles(home).filter((name) => name.startsWith('aws-credentials-'))).toHaveLength(1);
    stack.resetCalls();
    const serverCalls = server.calls.length;
    const otherFields = JSON.stringify({ ckpt: server.config.ckpt, node: server.config.node, job: server.config.job });
    const result = await teardown(home, ['--yes', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).actions.map((a: any) => `${a.action} ${a.resource}`)).toEqual([
      'disabled server', 'deleted identityPool', 'deleted iamRole', 'deleted userPool',
    ]);
    // After the server, the deletions go at once; deletion protection is lifted right before the pool goes.
    const writes = stack.writeCalls().map((c: any) => c.operation);
    expect([...writes].sort()).toEqual(['DeleteIdentityPool', 'DeleteRole', 'DeleteUserPool', 'UpdateUserPool']);
    expect(writes.indexOf('UpdateUserPool')).toBeLessThan(writes.indexOf('DeleteUserPool'));
    const serverWrites = server.calls.slice(serverCalls).filter((c: any) => c.method !== 'GET');
    expect(serverWrites).toEqual([{ method: 'DELETE', path: '/api/v1/security/cognito', authorized: true, bearer: true, status: 200 }]);
    expect(server.config.security.cognito.enabled).toBe(false);
    expect(JSON.stringify({ ckpt: server.config.ckpt, node: server.config.node, job: server.config.job })).toBe(otherFields);

    expect(await allExist()).toEqual({ userPool: false, appClient: false, identityPool: false, role: false });
    // The setup is gone, record and all.
    expect(settingsOf(home).setups).toEqual({});
    // And so are the tokens and the AWS credentials kept for it.
    expect(keptFiles(home).filter((name) => /^(token|aws-credentials)-/.test(name))).toEqual([]);
  });

  test('a second teardown finds nothing to delete and makes no write call', async () => {
    stack.resetCalls();
    const result = await teardown(home, ['--yes', '--name', 'whole', '--server', server.url]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('Nothing to delete: no resource this setup created was found.\n');
    expect(stack.writeCalls()).toEqual([]);
  });
});

describe('what teardown never touches', () => {
  test('a role given with --role-arn is kept, and says why', async () => {
    const home = tempHome();
    try {
      const Role = (await aws.iam.send(new CreateRoleCommand({
        RoleName: 'operators-own-role',
        AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }] }),
      }))).Role as { Arn: string };
      const ids = await setup(home, 'reuse', ['--role-arn', Role.Arn]);
      expect(ids.roleArn).toBe(Role.Arn);
      const result = await teardown(home, ['--yes', '--json', '--no-server']);
      expect(result.code).toBe(0);
      const doc = JSON.parse(result.stdout);
      expect(doc.actions.map((a: any) => `${a.action} ${a.resource}`)).toEqual(['deleted identityPool', 'released iamRole', 'deleted userPool']);
      expect(doc.kept).toEqual([{ resource: 'iamRole', id: Role.Arn, reason: "given with --role-arn: kept, only setup's trust statement is removed" }]);
      expect(await aws.role(Role.Arn)).toBe(true);
      expect(await aws.userPool(ids.userPoolId)).toBe(false);
    } finally {
      home.cleanup();
    }
  });

  test("a role someone has since given their own policy is kept, with that policy named", async () => {
    const home = tempHome();
    try {
      const ids = await setup(home, 'extended');
      const roleName = ids.roleArn.split('/').pop();
      await aws.iam.send(new PutRolePolicyCommand({
        RoleName: roleName, PolicyName: 'team-s3-access',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }),
      }));
      const result = await teardown(home, ['--yes', '--json', '--no-server']);
      expect(result.code).toBe(0);
      const doc = JSON.parse(result.stdout);
      expect(doc.actions.map((a: any) => a.resource)).toEqual(['identityPool', 'userPool']);
      expect(doc.kept).toEqual([{ resource: 'iamRole', id: ids.roleArn, reason: 'it has policies mmbatch-auth did not add: team-s3-access' }]);
      expect(await aws.role(ids.roleArn)).toBe(true);
    } finally {
      home.cleanup();
    }
  });

  test('a pool of the same name that this tool did not create (no record, no tag) is kept', async () => {
    const home = tempHome();
    try {
      const UserPool = (await aws.idp.send(new CreateUserPoolCommand({ PoolName: 'foreign', DeletionProtection: 'ACTIVE' }))).UserPool as { Id: string };
      mkdirSync(dirname(home.settingsFile), { recursive: true });
      writeFileSync(home.settingsFile, JSON.stringify({ version: 1, name: 'foreign' }));
      stack.resetCalls();
      const result = await teardown(home, ['--yes', '--json', '--no-server']);
      expect(result.code).toBe(0);
      const doc = JSON.parse(result.stdout);
      expect(doc).toMatchObject({ name: 'foreign', actions: [], kept: [] });
      expect(doc.notes).toEqual([expect.stringContaining(`a user pool named 'foreign' that is not this setup's (${UserPool.Id}) is left alone`)]);
      expect(stack.writeCalls()).toEqual([]);
      expect(await aws.userPool(UserPool.Id)).toBe(true);
    } finally {
      home.cleanup();
    }
  });
});

describe('a pool that was there before setup (handed over with --user-pool-id)', () => {
  test('is kept, with deletion protection; what setup added inside it (client, admin, group) is deleted one by one', async () => {
    const home = tempHome();
    try {
      const UserPool = (await aws.idp.send(new CreateUserPoolCommand({
        PoolName: 'borrowed', UsernameAttributes: ['email'], AutoVerifiedAttributes: ['email'],
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true }, DeletionProtection: 'ACTIVE',
      }))).UserPool as { Id: string };
      const ids = await setup(home, 'borrowed', ['--user-pool-id', UserPool.Id]);
      expect(ids.userPoolId).toBe(UserPool.Id);
      expect(settingsOf(home).setups.borrowed.resources.userPool.origin).toBe('adopted');
      // Credentials of the identity pool that goes (the pool stays): they go with it.
      expect((await runCli(['aws-credentials', '--name', 'borrowed'], { env: env(home) })).code).toBe(0);
      expect(keptFiles(home).filter((name) => name.startsWith('aws-credentials-'))).toHaveLength(1);
      stack.resetCalls();
      const result = await teardown(home, ['--yes', '--json', '--no-server']);
      expect(result.code).toBe(0);
      const doc = JSON.parse(result.stdout);
      expect(doc.actions.map((a: any) => `${a.action} ${a.resource} ${a.id}`)).toEqual([
        `deleted identityPool ${ids.identityPoolId}`,
        `deleted iamRole ${ids.roleArn}`,
        `deleted appClient ${ids.clientId}`,
        `deleted adminUser ${ADMIN}`,
        'deleted adminGroup admin',
      ]);
      expect(doc.kept).toEqual([{ resource: 'userPool', id: UserPool.Id, reason: 'not created by this setup (adopted, or made by a person)' }]);
      expect(stack.writeCalls().map((c: any) => c.operation).sort()).toEqual(['AdminDeleteUser', 'DeleteGroup', 'DeleteIdentityPool', 'DeleteRole', 'DeleteUserPoolClient']);
      expect(await aws.userPool(UserPool.Id)).toBe(true);
      expect(await aws.deletionProtection(UserPool.Id)).toBe('ACTIVE');
      expect(await aws.appClientsIn(UserPool.Id)).toEqual([]);
      expect(keptFiles(home).filter((name) => name.startsWith('aws-credentials-'))).toEqual([]);
      expect(settingsOf(home).setups).toEqual({});
    } finally {
      home.cleanup();
    }
  });
});

describe('an identity pool that was there before setup', () => {
  const providerKeyOf = (p: { ProviderName?: string; ClientId?: string }) => `${p.ProviderName}:${p.ClientId}`;
  const describePool = async (id: string) => (await aws.identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: id }))) as any;

  test('is kept; our role is unmapped from it before the role is deleted, and the provider setup added goes before its user pool', async () => {
    const home = tempHome();
    try {
      // A person's pool: a user pool of theirs as a provider, a social login, tags. Only what setup added may go.
      const theirs = (await aws.idp.send(new CreateUserPoolCommand({ PoolName: 'their-own-pool' }))) as any;
      const theirProvider = { ProviderName: `cognito-idp.us-east-1.amazonaws.com/${theirs.UserPool.Id}`, ClientId: 'theirclient1234567890abcd', ServerSideTokenCheck: false };
      const pool = (await aws.identity.send(
        new CreateIdentityPoolCommand({
          IdentityPoolName: 'sharedpool',
          AllowUnauthenticatedIdentities: false,
          CognitoIdentityProviders: [theirProvider],
          SupportedLoginProviders: { 'accounts.google.com': 'their-google-app-id' },
          IdentityPoolTags: { team: 'theirs' },
        }),
      )) as { IdentityPoolId: string };
      const ids = await setup(home, 'sharedpool', ['--identity-pool-id', pool.IdentityPoolId]);
      expect(ids.identityPoolId).toBe(pool.IdentityPoolId);
      expect(await aws.identityPoolRoles(pool.IdentityPoolId)).toEqual({ authenticated: ids.roleArn });
      const ours = `cognito-idp.us-east-1.amazonaws.com/${ids.userPoolId}:${ids.clientId}`;
      expect((await describePool(pool.IdentityPoolId)).CognitoIdentityProviders.map(providerKeyOf).sort()).toEqual([providerKeyOf(theirProvider), ours].sort());
      // Then they add a client of their own to our pool, and a provider for it: a statement setup did not write.
      const theirClient = (await aws.idp.send(new CreateUserPoolClientCommand({ UserPoolId: ids.userPoolId, ClientName: 'their-app' }))) as any;
      const theirInOurs = { ProviderName: `cognito-idp.us-east-1.amazonaws.com/${ids.userPoolId}`, ClientId: theirClient.UserPoolClient.ClientId, ServerSideTokenCheck: false };
      const { $metadata: _m, ...withOurs } = await describePool(pool.IdentityPoolId);
      await aws.identity.send(new UpdateIdentityPoolCommand({ ...withOurs, CognitoIdentityProviders: [...withOurs.CognitoIdentityProviders, theirInOurs] }));

      stack.resetCalls();
      const result = await teardown(home, ['--yes', '--json', '--no-server']);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const doc = JSON.parse(result.stdout);
      expect(doc.actions.map((a: any) => `${a.action} ${a.resource}`)).toEqual(['unmapped identityPoolRoles', 'released identityPool', 'deleted iamRole', 'deleted userPool']);
      expect(doc.kept).toEqual([{ resource: 'identityPool', id: pool.IdentityPoolId, reason: expect.stringMatching(/^not created by this setup/) }]);
      // The role goes only once it is unmapped; the pool only once no identity pool names it.
      const writes = stack.writeCalls().map((c: any) => c.operation);
      expect([...writes].sort()).toEqual(['DeleteRole', 'DeleteUserPool', 'SetIdentityPoolRoles', 'UpdateIdentityPool', 'UpdateUserPool']);
      expect(writes.indexOf('SetIdentityPoolRoles')).toBeLessThan(writes.indexOf('DeleteRole'));
      expect(writes.indexOf('UpdateIdentityPool')).toBeLessThan(writes.indexOf('DeleteUserPool'));
      expect(await aws.identityPool(pool.IdentityPoolId)).toBe(true);
      expect(await aws.identityPoolRoles(pool.IdentityPoolId)).toEqual({});
      expect(await aws.role(ids.roleArn)).toBe(false);
      // Everything of theirs as it was (UpdateIdentityPool resets what a request leaves out).
      const after = await describePool(pool.IdentityPoolId);
      expect(after.CognitoIdentityProviders.map(providerKeyOf)).toEqual([providerKeyOf(theirProvider), providerKeyOf(theirInOurs)]);
      expect(after.CognitoIdentityProviders.map((p: any) => p.ServerSideTokenCheck)).toEqual([false, false]);
      expect(after.SupportedLoginProviders).toEqual({ 'accounts.google.com': 'their-google-app-id' });
      expect(after.IdentityPoolTags).toEqual({ team: 'theirs' });
      expect(after.IdentityPoolName).toBe('sharedpool');
      expect(after.AllowUnauthenticatedIdentities).toBe(false);
    } finally {
      home.cleanup();
    }
  });

  test('beside an adopted user pool that stays: the provider naming the app client setup made goes, before the client', async () => {
    const home = tempHome();
    try {
      const UserPool = (await aws.idp.send(new CreateUserPoolCommand({
        PoolName: 'borrowed-both', UsernameAttributes: ['email'], AutoVerifiedAttributes: ['email'], AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      }))).UserPool as { Id: string };
      const pool = (await aws.identity.send(new CreateIdentityPoolCommand({ IdentityPoolName: 'borrowedboth', AllowUnauthenticatedIdentities: false }))) as { IdentityPoolId: string };
      const ids = await setup(home, 'borrowedboth', ['--user-pool-id', UserPool.Id, '--identity-pool-id', pool.IdentityPoolId]);
      expect((await describePool(pool.IdentityPoolId)).CognitoIdentityProviders.map(providerKeyOf)).toEqual([`cognito-idp.us-east-1.amazonaws.com/${UserPool.Id}:${ids.clientId}`]);

      stack.resetCalls();
      const result = await teardown(home, ['--yes', '--json', '--no-server']);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).actions.map((a: any) => `${a.action} ${a.resource}`)).toEqual(expect.arrayContaining(['released identityPool', 'deleted appClient']));
      const writes = stack.writeCalls().map((c: any) => c.operation);
      expect(writes.indexOf('UpdateIdentityPool')).toBeGreaterThanOrEqual(0);
      expect(writes.indexOf('UpdateIdentityPool')).toBeLessThan(writes.indexOf('DeleteUserPoolClient'));
      expect((await describePool(pool.IdentityPoolId)).CognitoIdentityProviders ?? []).toEqual([]);
      expect(await aws.userPool(UserPool.Id)).toBe(true);
      expect(await aws.appClient(UserPool.Id, ids.clientId)).toBe(false);
    } finally {
      home.cleanup();
    }
  });

  test('a role mapping for a provider the pool no longer has: teardown refuses before changing anything, and names it', async () => {
    const home = tempHome();
    try {
      const theirs = (await aws.idp.send(new CreateUserPoolCommand({ PoolName: 'their-gone-pool' }))) as any;
      const theirProvider = { ProviderName: `cognito-idp.us-east-1.amazonaws.com/${theirs.UserPool.Id}`, ClientId: 'theirclient1234567890abcd', ServerSideTokenCheck: false };
      const pool = (await aws.identity.send(new CreateIdentityPoolCommand({ IdentityPoolName: 'stalepool', AllowUnauthenticatedIdentities: false, CognitoIdentityProviders: [theirProvider] }))) as { IdentityPoolId: string };
      const theirKey = providerKeyOf(theirProvider);
      await aws.identity.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: pool.IdentityPoolId, Roles: {}, RoleMappings: { [theirKey]: { Type: 'Token', AmbiguousRoleResolution: 'Deny' } } }));
      const ids = await setup(home, 'stalepool', ['--identity-pool-id', pool.IdentityPoolId]);
      // They take their provider out and leave its mapping: AWS keeps it, and refuses every SetIdentityPoolRoles after.
      const { $metadata: _m, ...live } = await describePool(pool.IdentityPoolId);
      await aws.identity.send(new UpdateIdentityPoolCommand({ ...live, CognitoIdentityProviders: live.CognitoIdentityProviders.filter((p: any) => providerKeyOf(p) !== theirKey) }));

      stack.resetCalls();
      const result = await teardown(home, ['--yes', '--no-server']);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `mmbatch-auth: teardown cannot go on, nothing was changed: identity pool ${pool.IdentityPoolId} has a role mapping for ${theirKey}, a provider it no longer has: AWS refuses every change to its roles while that mapping is there\n` +
          `remove that mapping (aws cognito-identity set-identity-pool-roles with the roles and mappings the pool should keep), then run teardown again\n`,
      );
      expect(stack.writeCalls()).toEqual([]);
      expect(await aws.identityPoolRoles(pool.IdentityPoolId)).toEqual({ authenticated: ids.roleArn });
      expect(await aws.role(ids.roleArn)).toBe(true);
      expect(await aws.userPool(ids.userPoolId)).toBe(true);
      expect(recordOf(home, 'stalepool')!.identityPoolId).toBe(pool.IdentityPoolId);
    } finally {
      home.cleanup();
    }
  });

  test("a role mapping someone wrote for setup's provider keeps that provider (and the mapping) where they are, and teardown says so", async () => {
    const home = tempHome();
    try {
      const pool = (await aws.identity.send(new CreateIdentityPoolCommand({ IdentityPoolName: 'mappedpool', AllowUnauthenticatedIdentities: false }))) as { IdentityPoolId: string };
      const ids = await setup(home, 'mappedpool', ['--identity-pool-id', pool.IdentityPoolId]);
      const ours = `cognito-idp.us-east-1.amazonaws.com/${ids.userPoolId}:${ids.clientId}`;
      const mapping = { Type: 'Token', AmbiguousRoleResolution: 'Deny' };
      await aws.identity.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: pool.IdentityPoolId, Roles: { authenticated: ids.roleArn }, RoleMappings: { [ours]: mapping as any } }));

      stack.resetCalls();
      const result = await teardown(home, ['--yes', '--json', '--no-server']);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const doc = JSON.parse(result.stdout);
      expect(doc.actions.map((a: any) => `${a.action} ${a.resource}`)).toEqual(['unmapped identityPoolRoles', 'deleted iamRole', 'deleted userPool']);
      expect(doc.kept).toEqual([
        { resource: 'identityPool', id: pool.IdentityPoolId, reason: `not created by this setup (adopted, or made by a person); its provider ${ours} stays: a role mapping someone wrote is keyed by it (AWS refuses a mapping for a provider the pool does not have)` },
      ]);
      expect(stack.writeCalls().map((c: any) => c.operation)).not.toContain('UpdateIdentityPool');
      expect((await describePool(pool.IdentityPoolId)).CognitoIdentityProviders.map(providerKeyOf)).toEqual([ours]);
      const roles = (await aws.identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: pool.IdentityPoolId }))) as any;
      expect(roles.Roles ?? {}).toEqual({});
      expect(roles.RoleMappings).toEqual({ [ours]: mapping });
    } finally {
      home.cleanup();
    }
  });
});

describe('an UpdateIdentityPool that fails while setup takes its provider out of an adopted pool', () => {
  const home = tempHome();
  afterAll(() => {
    stack.clearFaults();
    home.cleanup();
  });

  test('leaves the user pool it names (exit 1), and the next teardown takes the provider out, then deletes the pool', async () => {
    const pool = (await aws.identity.send(new CreateIdentityPoolCommand({ IdentityPoolName: 'faultypool', AllowUnauthenticatedIdentities: false }))) as { IdentityPoolId: string };
    const ids = await setup(home, 'faultypool', ['--identity-pool-id', pool.IdentityPoolId]);
    const failed = await teardownWhileFailing(home, { service: 'cognito-identity', operation: 'UpdateIdentityPool' });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('UpdateIdentityPool');
    // No provider left naming a pool that is gone: the pool stays until its provider is out.
    expect(await aws.userPool(ids.userPoolId)).toBe(true);
    expect(recordOf(home, 'faultypool')!.userPoolId).toBe(ids.userPoolId);

    const again = await teardown(home, ['--yes', '--json', '--no-server']);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).actions.map((a: any) => `${a.action} ${a.resource}`)).toEqual(expect.arrayContaining(['released identityPool', 'deleted userPool']));
    const after = (await aws.identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: pool.IdentityPoolId }))) as any;
    expect(after.CognitoIdentityProviders ?? []).toEqual([]);
    expect(await aws.userPool(ids.userPoolId)).toBe(false);
    expect(recordOf(home, 'faultypool')).toBeUndefined();
  });
});

describe('a settings file lost: the managed-by tags still identify what setup created', () => {
  const operator = tempHome();
  const elsewhere = tempHome();
  let server: any;
  let ids: any;

  beforeAll(async () => {
    server = await startServer();
    ids = await setup(operator, 'tagged', ['--server', server.url]);
  });
  afterAll(async () => {
    await server?.stop();
    operator.cleanup();
    elsewhere.cleanup();
  });

  test('without an admin token for the pool the server uses, it refuses before deleting anything', async () => {
    stack.resetCalls();
    const result = await teardown(elsewhere, ['--yes', '--name', 'tagged', '--server', server.url, '--username', ADMIN]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`\nmmbatch-auth: the password of ${ADMIN} is required: pass --password-stdin or set MMBATCH_AUTH_PASSWORD\n`);
    expect(stack.writeCalls()).toEqual([]);
    expect(server.config.security.cognito).toMatchObject({ enabled: true, userPoolID: ids.userPoolId });
    expect(await aws.userPool(ids.userPoolId)).toBe(true);
  });

  test('with the admin password on stdin it turns the server off and deletes the tagged resources', async () => {
    const result = await teardown(elsewhere, ['--yes', '--json', '--name', 'tagged', '--server', server.url, '--username', ADMIN, '--password-stdin'], { stdin: PASSWORD });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).actions.map((a: any) => a.resource)).toEqual(['server', 'identityPool', 'iamRole', 'userPool']);
    expect(server.config.security.cognito.enabled).toBe(false);
    expect(await aws.userPool(ids.userPoolId)).toBe(false);
    expect(await aws.identityPool(ids.identityPoolId)).toBe(false);
    expect(await aws.role(ids.roleArn)).toBe(false);
  });
});

/** What a run of this setup that died after its creates, before its check against the older run's, leaves: setup's names and tags, a later creation stamp. */
async function twinsOf(name: string): Promise<{ twinPool: string; twinIdentityPool: string }> {
  const tags = { 'managed-by': 'mmbatch-auth', 'mmbatch-auth:name': name, 'mmbatch-auth:created': new Date(Date.now() + 2000).toISOString() };
  const twinPool = (await aws.idp.send(new CreateUserPoolCommand({ PoolName: name, UserPoolTags: tags }))).UserPool!.Id!;
  await aws.idp.send(new CreateUserPoolClientCommand({ UserPoolId: twinPool, ClientName: `${name}-spa` }));
  const created = await aws.identity.send(new CreateIdentityPoolCommand({ IdentityPoolName: name, AllowUnauthenticatedIdentities: false, IdentityPoolTags: tags }));
  return { twinPool, twinIdentityPool: created.IdentityPoolId! };
}

describe("twins a concurrent run left (it died before its check against the older run's): a teardown that finds them goes through them too", () => {
  const operator = tempHome();
  const elsewhere = tempHome();
  let ids: any;
  let twinPool: string;
  let twinIdentityPool: string;
  let strangerPool: string;

  beforeAll(async () => {
    ids = await setup(operator, 'twinned');
    ({ twinPool, twinIdentityPool } = await twinsOf('twinned'));
    // A person's pool of the same name, without the tags: never this setup's.
    strangerPool = (await aws.idp.send(new CreateUserPoolCommand({ PoolName: 'twinned' }))).UserPool!.Id!;
  });
  afterAll(() => {
    operator.cleanup();
    elsewhere.cleanup();
  });

  test('without the record, each pool of the name with its tags is deleted, the oldest and its twins; a pool without them stays', async () => {
    const plan = await teardown(elsewhere, ['--dry-run', '--name', 'twinned', '--no-server']);
    expect(plan.code).toBe(0);
    // The person's pool is named as left alone; the twins are not called unused: they go.
    expect(plan.stderr).toBe(`mmbatch-auth: warning: a user pool named 'twinned' that is not this setup's (${strangerPool}) is left alone; hand it over with --user-pool-id to use it\n`);
    expect(plan.stdout).toContain(`delete user pool ${twinPool}, a twin a concurrent run of this setup left,`);
    expect(plan.stdout).toContain(`delete identity pool ${twinIdentityPool}, a twin a concurrent run of this setup left`);

    const result = await teardown(elsewhere, ['--yes', '--json', '--name', 'twinned', '--no-server']);
    expect(result.stderr).not.toContain('leftover');
    expect(result.code).toBe(0);
    const actions = JSON.parse(result.stdout).actions.map((a: any) => `${a.action} ${a.resource} ${a.id}`);
    expect(actions.sort()).toEqual(
      [
        `deleted identityPool ${ids.identityPoolId}`,
        `deleted identityPool ${twinIdentityPool}`,
        `deleted iamRole ${ids.roleArn}`,
        `deleted userPool ${ids.userPoolId}`,
        `deleted userPool ${twinPool}`,
      ].sort(),
    );
    for (const pool of [ids.userPoolId, twinPool]) expect(await aws.userPool(pool)).toBe(false);
    for (const pool of [ids.identityPoolId, twinIdentityPool]) expect(await aws.identityPool(pool)).toBe(false);
    expect(await aws.userPool(strangerPool)).toBe(true);
    // Nothing of the name is left to find: a second teardown has nothing to delete.
    const again = await teardown(elsewhere, ['--yes', '--json', '--name', 'twinned', '--no-server']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).actions).toEqual([]);
  });

  test('a twin a person has since given a domain is kept and named with it (AWS deletes no pool with one); the rest of the setup goes', async () => {
    const ids = await setup(operator, 'twindomain');
    const { twinPool } = await twinsOf('twindomain');
    await aws.idp.send(new CreateUserPoolDomainCommand({ UserPoolId: twinPool, Domain: 'twin-sign-in' }));
    try {
      const result = await teardown(elsewhere, ['--yes', '--json', '--name', 'twindomain', '--no-server']);
      expect(result.code).toBe(0);
      const output = JSON.parse(result.stdout);
      expect(output.kept).toContainEqual({ resource: 'userPool', id: twinPool, reason: expect.stringContaining('has the domain twin-sign-in, which mmbatch-auth did not make') });
      expect(output.actions.map((a: any) => a.id)).not.toContain(twinPool);
      expect(await aws.userPool(ids.userPoolId)).toBe(false);
      expect(await aws.userPool(twinPool)).toBe(true);
    } finally {
      await aws.idp.send(new DeleteUserPoolDomainCommand({ UserPoolId: twinPool, Domain: 'twin-sign-in' }));
    }
  });

  test("a DeleteUserPool that fails for the setup's pool and its twin leaves both (exit 1), and the next teardown finds them by their tags and deletes both", async () => {
    const ids = await setup(operator, 'twinfault');
    const { twinPool, twinIdentityPool } = await twinsOf('twinfault');
    const failed = await teardownWhileFailing(elsewhere, { service: 'cognito-idp', operation: 'DeleteUserPool' }, ['--name', 'twinfault']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('DeleteUserPool');
    for (const pool of [ids.userPoolId, twinPool]) expect(await aws.userPool(pool)).toBe(true);
    for (const pool of [ids.identityPoolId, twinIdentityPool]) expect(await aws.identityPool(pool)).toBe(false);

    const again = await teardown(elsewhere, ['--yes', '--json', '--name', 'twinfault', '--no-server']);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).actions.map((a: any) => `${a.action} ${a.resource} ${a.id}`).sort()).toEqual([`deleted userPool ${ids.userPoolId}`, `deleted userPool ${twinPool}`].sort());
    for (const pool of [ids.userPoolId, twinPool]) expect(await aws.userPool(pool)).toBe(false);
  });
});

describe('a pool a person has given a domain (hosted sign-in pages): AWS deletes no pool with one', () => {
  const home = tempHome();
  let server: any;
  let ids: any;
  const domain = 'people-sign-in';

  beforeAll(async () => {
    server = await startServer();
    ids = await setup(home, 'domained', ['--server', server.url]);
    await aws.idp.send(new CreateUserPoolDomainCommand({ UserPoolId: ids.userPoolId, Domain: domain }));
  });
  afterAll(async () => {
    await server?.stop();
    home.cleanup();
  });

  test('teardown refuses before changing anything (exit 2), naming the domain and the command that deletes it', async () => {
    stack.resetCalls();
    const serverCalls = server.calls.length;
    const result = await teardown(home, ['--yes'], { env: { MMBATCH_AUTH_PASSWORD: PASSWORD } });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const [message, hint] = result.stderr.trimEnd().split('\n').slice(-2);
    expect(message).toBe(`mmbatch-auth: teardown cannot go on, nothing was changed: user pool ${ids.userPoolId} has the domain ${domain}, which mmbatch-auth did not make (AWS deletes no pool with a domain)`);
    expect(hint).toContain(`aws cognito-idp delete-user-pool-domain --domain ${domain} --user-pool-id ${ids.userPoolId}`);
    // Nothing written anywhere: not AWS, not the server (which still uses the pool).
    expect(stack.writeCalls()).toEqual([]);
    expect(server.calls.slice(serverCalls).filter((c: any) => c.method !== 'GET')).toEqual([]);
    expect(server.config.security.cognito).toMatchObject({ enabled: true, userPoolID: ids.userPoolId });
    expect({
      userPool: await aws.userPool(ids.userPoolId),
      appClient: await aws.appClient(ids.userPoolId, ids.clientId),
      identityPool: await aws.identityPool(ids.identityPoolId),
      role: await aws.role(ids.roleArn),
    }).toEqual({ userPool: true, appClient: true, identityPool: true, role: true });
    expect(await aws.deletionProtection(ids.userPoolId)).toBe('ACTIVE');
    expect(recordOf(home, 'domained')).toMatchObject({ userPoolId: ids.userPoolId, clientId: ids.clientId, identityPoolId: ids.identityPoolId, roleArn: ids.roleArn });
  });

  test('--dry-run shows the plan with what blocks it, exits 2 as the real run would, and changes nothing', async () => {
    stack.resetCalls();
    const result = await teardown(home, ['--dry-run', '--json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^mmbatch-auth: teardown cannot go on, nothing was changed: .*has the domain/m);
    const doc = JSON.parse(result.stdout);
    expect(doc.blocked).toEqual([{ reason: expect.stringContaining(`has the domain ${domain}`), hint: expect.stringContaining('delete-user-pool-domain') }]);
    expect(doc.actions.map((a: any) => a.resource)).toEqual(['server', 'identityPool', 'iamRole', 'userPool']);
    const human = await teardown(home, ['--dry-run']);
    expect(human.stdout).toContain(`Blocked (nothing is changed until this is resolved):\n  user pool ${ids.userPoolId} has the domain ${domain}`);
    expect(stack.writeCalls()).toEqual([]);
  });

  test('once the person has deleted the domain (the hint\'s command), teardown finishes', async () => {
    await aws.idp.send(new DeleteUserPoolDomainCommand({ UserPoolId: ids.userPoolId, Domain: domain }));
    const result = await teardown(home, ['--yes', '--json'], { env: { MMBATCH_AUTH_PASSWORD: PASSWORD } });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).actions.map((a: any) => a.resource)).toEqual(['server', 'identityPool', 'iamRole', 'userPool']);
    expect(server.config.security.cognito.enabled).toBe(false);
    expect(await aws.userPool(ids.userPoolId)).toBe(false);
    expect(recordOf(home, 'domained')).toBeUndefined();
  });
});

describe('a DeleteUserPool that fails', () => {
  const home = tempHome();
  afterAll(() => {
    stack.clearFaults();
    home.cleanup();
  });

  test('leaves the pool with its deletion protection back on (exit 1), and the next teardown finishes', async () => {
    const ids = await setup(home, 'undeletable');
    const failed = await teardownWhileFailing(home, { service: 'cognito-idp', operation: 'DeleteUserPool' });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('DeleteUserPool');
    expect(await aws.userPool(ids.userPoolId)).toBe(true);
    expect(await aws.deletionProtection(ids.userPoolId)).toBe('ACTIVE');
    // The record still names the pool, so the next run knows what to finish.
    expect(recordOf(home, 'undeletable')!.userPoolId).toBe(ids.userPoolId);

    const again = await teardown(home, ['--yes', '--json', '--no-server']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).actions.map((a: any) => a.resource)).toContain('userPool');
    expect(await aws.userPool(ids.userPoolId)).toBe(false);
    expect(recordOf(home, 'undeletable')).toBeUndefined();
  });
});

describe('a teardown killed between two steps', () => {
  const home = tempHome();
  afterAll(() => home.cleanup());

  test('leaves the settings file true to what exists, and the next teardown finishes the job', async () => {
    const ids = await setup(home, 'halfway');
    stack.setDelay(100);
    // The pool's deletion starts with lifting its protection: slow enough that the kill lands before it.
    stack.setOperationDelay('UpdateUserPool', 1000);
    let killed;
    try {
      // Kill it right after the identity pool is deleted (the record forgot it), before the pool goes.
      killed = await runCli(['teardown', '--yes', '--no-server'], {
        env: env(home),
        signal: 'SIGKILL',
        signalWhen: () => {
          const record = recordOf(home, 'halfway');
          return Boolean(record && !record.identityPoolId && record.userPoolId);
        },
      });
    } finally {
      stack.setDelay(0);
      stack.setOperationDelay('UpdateUserPool', undefined);
    }
    expect(killed.signal).toBe('SIGKILL');
    // A call already on the wire when the process died still completes: let it land, then look.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const settings = recordOf(home, 'halfway')!;
    expect(settings.identityPoolId).toBeUndefined();
    expect(await aws.identityPool(ids.identityPoolId)).toBe(false);
    // Nothing is lost: whatever still exists is still named by the settings file, so the next run finds it.
    const exists = {
      userPoolId: await aws.userPool(ids.userPoolId),
      clientId: await aws.appClient(ids.userPoolId, ids.clientId),
      roleArn: await aws.role(ids.roleArn),
    };
    expect(exists.userPoolId && exists.clientId).toBe(true);
    for (const [key, found] of Object.entries(exists)) if (found) expect((settings as any)[key]).toBe(ids[key]);

    const resumed = await teardown(home, ['--yes', '--json', '--no-server']);
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout).actions.map((a: any) => a.resource)).not.toContain('identityPool');
    expect(await aws.userPool(ids.userPoolId)).toBe(false);
    expect(await aws.role(ids.roleArn)).toBe(false);
    // The role may have gone with the killed run (its call was on the wire): the record goes either way.
    expect(recordOf(home, 'halfway')).toBeUndefined();
    expect(await aws.userPoolsNamed('halfway')).toEqual([]);
  });
});

describe('confirmation on a terminal', () => {
  const home = tempHome();
  afterAll(() => home.cleanup());

  /** The CLI in this process, with a terminal on stdin and a scripted answer to the question. */
  async function interactiveTeardown(answer: boolean) {
    const out = new PassThrough();
    const err = new PassThrough();
    let stdout = '';
    let stderr = '';
    out.on('data', (chunk) => (stdout += chunk));
    err.on('data', (chunk) => (stderr += chunk));
    const asked: { message: string; shownBefore: string }[] = [];
    const prompter = {
      input: async () => { throw new Error('no input expected'); },
      password: async () => { throw new Error('no password expected'); },
      select: async () => { throw new Error('no choice expected'); },
      confirm: async ({ message }: { message: string }) => {
        asked.push({ message, shownBefore: stdout });
        return answer;
      },
    };
    const processEnv = { ...env(home) } as Record<string, string>;
    delete processEnv.CI;
    // The SDK's credential chain reads this process's environment (jest gives each file its own copy).
    Object.assign(process.env, stack.env(), { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
    const io = { stdin: new PassThrough(), out, err, stdinIsTTY: true, stdoutIsTTY: false, stderrIsTTY: false };
    const globals = { region: undefined, profile: undefined, endpointUrl: undefined, config: undefined, json: false, yes: false, dryRun: false, verbose: false, color: false };
    // The command's run() with a context of fakes where a person would sit: a terminal, and an answer.
    const ctx = createContext(io, processEnv, globals, {
      prompter,
      aws: () => createAwsClients({ region: stack.region, endpointUrl: stack.endpoint }, processEnv),
    });
    let code = 0;
    try {
      await runTeardown({ name: undefined, server: undefined, caCert: undefined, insecure: false, noServer: true, username: undefined, passwordStdin: false }, ctx);
    } catch (error) {
      code = reportError(error, io, false);
    }
    return { code, stdout, stderr, asked };
  }

  test('shows the list, asks, and on "no" changes nothing (deletion protection stays on)', async () => {
    const ids = await setup(home, 'asked');
    stack.resetCalls();
    const result = await interactiveTeardown(false);
    expect(result.code).toBe(0);
    expect(result.asked).toHaveLength(1);
    expect(result.asked[0].message).toBe('Delete these 3? This cannot be undone.');
    expect(result.asked[0].shownBefore).toContain(`3. delete user pool ${ids.userPoolId}`);
    expect(result.stderr).toContain('teardown cancelled: nothing was changed');
    expect(stack.writeCalls()).toEqual([]);
    expect(await aws.deletionProtection(ids.userPoolId)).toBe('ACTIVE');
    expect(recordOf(home, 'asked')!.userPoolId).toBe(ids.userPoolId);

    const confirmed = await interactiveTeardown(true);
    expect(confirmed.code).toBe(0);
    expect(await aws.userPool(ids.userPoolId)).toBe(false);
    expect(recordOf(home, 'asked')).toBeUndefined();
  });
});
