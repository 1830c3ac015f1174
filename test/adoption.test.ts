// Most operators did the walkthrough by hand first. The tool works with what they made: it flips
// one switch on their pool and nothing else; it adopts their pool, client and identity pool,
// repairs them (shown, and asked for on a terminal), and teardown keeps them; a role they give it
// gains one trust statement, keeps every other one, and loses only that statement at teardown.
import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CreateIdentityPoolCommand, DescribeIdentityPoolCommand, SetIdentityPoolRolesCommand, UpdateIdentityPoolCommand } from '@aws-sdk/client-cognito-identity';
import { CreateRoleCommand, GetRoleCommand } from '@aws-sdk/client-iam';
import { readFileSync } from 'node:fs';
import { startWorld, type World } from './support/world.js';
// @ts-expect-error: plain JS test support
import { runCli, tempHome } from './support/cli.mjs';

const PASSWORD = 'Adoption-Pass-123456!';
const ADMIN = 'hand@example.com';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world?.stop());

/** What the walkthrough leaves: a pool signing in by username, strangers welcome, no deletion protection. */
async function handMadePool(name: string, signIn: 'username' | 'email' = 'username') {
  const { UserPool } = await world.idp.send(
    new CreateUserPoolCommand({
      PoolName: name,
      ...(signIn === 'email' ? { UsernameAttributes: ['email'] } : {}),
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      Policies: { PasswordPolicy: { MinimumLength: 8, RequireUppercase: false, RequireLowercase: true, RequireNumbers: true, RequireSymbols: false, TemporaryPasswordValidityDays: 30 } },
      EmailVerificationSubject: 'Your code',
      UserPoolTags: { team: 'hpc' },
    }),
  );
  return UserPool!;
}

const describePool = async (id: string) => {
  const { UserPool } = await world.idp.send(new DescribeUserPoolCommand({ UserPoolId: id }));
  const { LastModifiedDate: _modified, ...rest } = UserPool!;
  // Deprecated: AWS refuses it in UpdateUserPool beside TemporaryPasswordValidityDays (which
  // DescribeUserPool always answers and which replaces it), so no update can carry it over.
  delete rest.AdminCreateUserConfig?.UnusedAccountValidityDays;
  return rest;
};

const trustOf = async (roleName: string) =>
  JSON.parse(decodeURIComponent((await world.iam.send(new GetRoleCommand({ RoleName: roleName }))).Role!.AssumeRolePolicyDocument!));

describe('self-signup disable on a pool made by hand', () => {
  const home = tempHome();
  afterAll(() => home.cleanup());

  test.each(['username', 'email'] as const)('a pool that signs in by %s: only AllowAdminCreateUserOnly changes', async (signIn) => {
    const pool = await handMadePool(`by hand ${signIn}`, signIn);
    const before = await describePool(pool.Id!);
    const result = await runCli(['self-signup', 'disable', '--user-pool-id', pool.Id!, '--json'], { env: { ...world.stack.env(), ...home.env } });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ resource: 'userPool', id: pool.Id, action: 'updated' });
    const after = await describePool(pool.Id!);
    expect(after.AdminCreateUserConfig?.AllowAdminCreateUserOnly).toBe(true);
    expect({ ...after, AdminCreateUserConfig: { ...after.AdminCreateUserConfig, AllowAdminCreateUserOnly: false } }).toEqual(before);
    // A pool no setup records is worked on, never recorded.
    expect(() => readFileSync(home.settingsFile)).toThrow();
    const again = await runCli(['self-signup', 'disable', '--user-pool-id', pool.Id!, '--json'], { env: { ...world.stack.env(), ...home.env } });
    expect(JSON.parse(again.stdout).action).toBe('unchanged');
  });
});

describe('adopting the walkthrough\'s pool, client and identity pool', () => {
  const home = tempHome();
  afterAll(() => home.cleanup());
  const env = () => ({ ...world.stack.env(), ...home.env });
  let pool: any;
  let clientId: string;
  let identityPoolId: string;
  let doc: any;

  beforeAll(async () => {
    pool = await handMadePool('walkthrough');
    const { UserPoolClient } = await world.idp.send(
      new CreateUserPoolClientCommand({ UserPoolId: pool.Id, ClientName: 'spa', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH'] }),
    );
    clientId = UserPoolClient!.ClientId!;
    const created = await world.identity.send(
      new CreateIdentityPoolCommand({
        IdentityPoolName: 'walkthrough',
        AllowUnauthenticatedIdentities: true,
        CognitoIdentityProviders: [{ ProviderName: `cognito-idp.${world.stack.region}.amazonaws.com/${pool.Id}`, ClientId: clientId, ServerSideTokenCheck: false }],
      }),
    );
    identityPoolId = created.IdentityPoolId!;
  });

  test('--dry-run shows the repairs, with the fixed sign-in as a warning, and changes nothing', async () => {
    const before = await describePool(pool.Id);
    const plan = await runCli(['setup', '--yes', '--json', '--dry-run', '--name', 'adopted', '--admin-email', ADMIN, '--user-pool-id', pool.Id, '--client-id', clientId, '--identity-pool-id', identityPoolId], { env: env() });
    expect(plan.code).toBe(0);
    const changes = Object.fromEntries(JSON.parse(plan.stdout).changes.map((c: any) => [c.resource, c]));
    expect(changes.userPool).toMatchObject({ action: 'updated', origin: 'adopted' });
    expect(JSON.parse(plan.stdout).dryRun).toBe(true);
    expect(changes.userPool.settings).toEqual(expect.arrayContaining([{ setting: 'selfRegistration', from: 'on', to: 'off' }]));
    expect(changes.userPool.warnings[0]).toMatch(/sign in with a username/);
    expect(changes.appClient.settings).toEqual(expect.arrayContaining([expect.objectContaining({ setting: 'authFlows' }), { setting: 'preventUserExistenceErrors', from: 'LEGACY', to: 'ENABLED' }]));
    expect(changes.identityPool.settings).toEqual(expect.arrayContaining([{ setting: 'guestAccess', from: 'on', to: 'off' }]));
    expect(await describePool(pool.Id)).toEqual(before);
  });

  test('setup --yes repairs them, records them as adopted, and the admin (username = e-mail) works', async () => {
    const result = await runCli(
      ['setup', '--yes', '--json', '--name', 'adopted', '--admin-email', ADMIN, '--admin-password-stdin', '--user-pool-id', pool.Id, '--client-id', clientId, '--identity-pool-id', identityPoolId, '--server', world.server.url],
      { env: env(), stdin: PASSWORD },
    );
    expect(result.stderr).toMatch(/^(mmbatch-auth: warning: .*\n)*$/);
    expect(result.code).toBe(0);
    doc = JSON.parse(result.stdout);
    expect(doc).toMatchObject({ userPoolId: pool.Id, clientId, identityPoolId });
    const live = await describePool(pool.Id);
    expect(live.AdminCreateUserConfig?.AllowAdminCreateUserOnly).toBe(true);
    expect(live.UserPoolTags).toEqual({ team: 'hpc' }); // a pool handed over is not retagged
    expect(live.EmailVerificationSubject).toBe('Your code'); // nothing else reset
    const { UserPoolClient } = await world.idp.send(new DescribeUserPoolClientCommand({ UserPoolId: pool.Id, ClientId: clientId }));
    expect(UserPoolClient?.PreventUserExistenceErrors).toBe('ENABLED');
    expect(UserPoolClient?.ExplicitAuthFlows).not.toContain('ALLOW_USER_PASSWORD_AUTH');
    const idPool = await world.identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: identityPoolId }));
    expect(idPool.AllowUnauthenticatedIdentities).toBe(false);
    expect(idPool.CognitoIdentityProviders?.[0].ServerSideTokenCheck).toBe(true);
    const record = JSON.parse(readFileSync(home.settingsFile, 'utf8')).setups.adopted.resources;
    expect(record).toMatchObject({ userPool: { origin: 'adopted' }, appClient: { origin: 'adopted' }, identityPool: { origin: 'adopted' }, iamRole: { origin: 'created' } });
    expect(world.server.config.security.cognito).toMatchObject({ enabled: true, userPoolID: pool.Id });

    const token = await runCli(['token', '--name', 'adopted', '--password-stdin', '--no-cache'], { env: env(), stdin: PASSWORD });
    expect(token.code).toBe(0);
    expect(token.stdout).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+\n$/);
  });

  test('teardown keeps the adopted pool, client and identity pool, and deletes only the role it made', async () => {
    const down = await runCli(['teardown', '--yes', '--json', '--name', 'adopted', '--username', ADMIN, '--password-stdin'], { env: env(), stdin: PASSWORD });
    expect(down.stderr).toBe('');
    expect(down.code).toBe(0);
    const report = JSON.parse(down.stdout);
    // What setup made inside the adopted pool (the admin group and admin) goes; the server, which
    // uses the pool, is turned off first.
    expect(report.actions[0]).toMatchObject({ resource: 'server', action: 'disabled' });
    expect(report.actions.map((a: any) => a.resource).sort()).toEqual(['adminGroup', 'adminUser', 'iamRole', 'identityPoolRoles', 'server']);
    expect(report.kept.map((k: any) => k.resource).sort()).toEqual(['appClient', 'identityPool', 'userPool']);
    await expect(world.idp.send(new DescribeUserPoolCommand({ UserPoolId: pool.Id }))).resolves.toBeDefined();
    await expect(world.identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: identityPoolId }))).resolves.toBeDefined();
    await expect(world.iam.send(new GetRoleCommand({ RoleName: doc.roleArn.split('/').pop() }))).rejects.toThrow();
  });
});

describe('an identity pool handed over with a role mapping for a provider it no longer has', () => {
  test('setup refuses before its first write (exit 2), naming the mapping: AWS would refuse the roles it sets', async () => {
    const home = tempHome();
    try {
      const theirs = await handMadePool('their gone pool');
      const gone = { ProviderName: `cognito-idp.${world.stack.region}.amazonaws.com/${theirs.Id}`, ClientId: 'goneclient1234567890abcde', ServerSideTokenCheck: false };
      const created = await world.identity.send(new CreateIdentityPoolCommand({ IdentityPoolName: 'stale mapping', AllowUnauthenticatedIdentities: false, CognitoIdentityProviders: [gone] }));
      const id = created.IdentityPoolId!;
      const key = `${gone.ProviderName}:${gone.ClientId}`;
      await world.identity.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: id, Roles: {}, RoleMappings: { [key]: { Type: 'Token', AmbiguousRoleResolution: 'Deny' } } }));
      // The provider goes, its mapping stays (AWS keeps it).
      const { $metadata: _m, ...live } = await world.identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: id }));
      await world.identity.send(new UpdateIdentityPoolCommand({ ...live, CognitoIdentityProviders: [] } as any));

      world.stack.resetCalls();
      const result = await runCli(['setup', '--yes', '--name', 'stalemapping', '--admin-email', ADMIN, '--admin-password-stdin', '--identity-pool-id', id], {
        env: { ...world.stack.env(), ...home.env },
        stdin: PASSWORD,
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`identity pool roles: identity pool ${id} has a role mapping for ${key}, a provider it no longer has: AWS refuses every change to its roles while that mapping is there`);
      expect(world.stack.writeCalls()).toEqual([]);
      // Before, setup made the user pool, client, role and admin, then failed at SetIdentityPoolRoles, and so did every run after.
      expect(await world.userPoolsNamed('stalemapping')).toEqual([]);
    } finally {
      home.cleanup();
    }
  });
});

describe('--dry-run shows what apply would refuse', () => {
  test('a client with a secret handed over: the plan names the blocker, and exits 2 as the real run would', async () => {
    const home = tempHome();
    try {
      const pool = await handMadePool('secretive', 'email');
      const { UserPoolClient } = await world.idp.send(new CreateUserPoolClientCommand({ UserPoolId: pool.Id, ClientName: 'confidential', GenerateSecret: true }));
      const args = ['setup', '--yes', '--json', '--name', 'secretive', '--admin-email', ADMIN, '--user-pool-id', pool.Id!, '--client-id', UserPoolClient!.ClientId!];
      const plan = await runCli([...args, '--dry-run'], { env: { ...world.stack.env(), ...home.env } });
      expect(plan.code).toBe(2);
      const client = JSON.parse(plan.stdout).changes.find((c: any) => c.resource === 'appClient');
      expect(client.blocked[0]).toMatch(/has a secret/);
      expect(plan.stderr.split('\n')[0]).toMatch(/^mmbatch-auth: setup would not go on: app client: the app client has a secret/);
      world.stack.resetCalls();
      const real = await runCli([...args, '--admin-password-stdin'], { env: { ...world.stack.env(), ...home.env }, stdin: PASSWORD });
      expect(real.code).toBe(2);
      expect(world.stack.writeCalls()).toEqual([]);
    } finally {
      home.cleanup();
    }
  });
});

describe('--role-arn: a role someone already has', () => {
  const home = tempHome();
  afterAll(() => home.cleanup());
  const env = () => ({ ...world.stack.env(), ...home.env });
  const foreign = { Sid: 'LetEc2In', Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' };
  let roleArn: string;

  beforeAll(async () => {
    const { Role } = await world.iam.send(
      new CreateRoleCommand({ RoleName: 'shared-role', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [foreign] }) }),
    );
    roleArn = Role!.Arn!;
  });

  test('setup adds its statement beside the others, shown as a change of that statement alone', async () => {
    const result = await runCli(['setup', '--yes', '--json', '--name', 'reuse', '--admin-email', ADMIN, '--admin-password-stdin', '--role-arn', roleArn], { env: env(), stdin: PASSWORD });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);
    const role = doc.changes.find((c: any) => c.resource === 'iamRole');
    expect(role).toMatchObject({ action: 'updated', origin: 'reused' });
    expect(role.settings).toEqual([{ setting: 'trustStatement', from: null, to: `aud=${doc.identityPoolId}, amr=authenticated` }]);
    const trust = await trustOf('shared-role');
    expect(trust.Statement).toHaveLength(2);
    expect(trust.Statement).toContainEqual(foreign);
    expect(trust.Statement.find((s: any) => s.Sid !== 'LetEc2In').Condition.StringEquals['cognito-identity.amazonaws.com:aud']).toBe(doc.identityPoolId);
    // Run again: nothing to add.
    const again = await runCli(['setup', '--yes', '--json', '--name', 'reuse', '--admin-email', ADMIN, '--admin-password-stdin'], { env: env(), stdin: PASSWORD });
    expect(JSON.parse(again.stdout).changes.every((c: any) => c.action === 'unchanged')).toBe(true);
  });

  test('teardown removes only the statement setup added, and keeps the role', async () => {
    const down = await runCli(['teardown', '--yes', '--json', '--name', 'reuse', '--no-server'], { env: env() });
    expect(down.stderr).toBe('');
    expect(down.code).toBe(0);
    const trust = await trustOf('shared-role');
    expect(trust.Statement).toEqual([foreign]);
  });
});
