// status (the audit) end to end: the real binary against the local stack. Drift is made by hand
// through the services' own APIs, status must name each one and exit 5, and setup must repair
// what status reports (status then exits 0). status itself never writes.
import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  DescribeUserPoolCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoIdentityClient, DeleteIdentityPoolCommand, DescribeIdentityPoolCommand, UpdateIdentityPoolCommand } from '@aws-sdk/client-cognito-identity';
import { IAMClient, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { startWorld, type World } from './support/world.js';
// @ts-expect-error: plain JS test support
import { runCli, tempHome } from './support/cli.mjs';

const PASSWORD = 'Status-Test-Pass-123!';
const ADMIN = 'audit@example.com';

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

type Home = { env: Record<string, string>; settingsFile: string; cleanup: () => void };

// MFA off: these tests are about drift of the resources; test/security-checks.test.ts is about the checks, MFA among them.
const setup = (home: Home, name = 'audit') =>
  runCli(['setup', '--yes', '--json', '--name', name, '--mfa', 'off', '--admin-email', ADMIN, '--admin-password-stdin', '--server', server.url], {
    env: { ...stack.env(), ...home.env },
    stdin: PASSWORD,
  });

const status = (home: Home, extra: string[] = []) => runCli(['status', ...extra], { env: { ...stack.env(), ...home.env } });

async function statusJson(home: Home) {
  const result = await status(home, ['--json']);
  return { ...result, doc: JSON.parse(result.stdout) };
}

const byResource = (doc: any) => Object.fromEntries(doc.resources.map((r: any) => [r.resource, r]));

describe('status where nothing is set up', () => {
  const home = tempHome();
  afterAll(() => home.cleanup());

  test('reports every resource missing and exits 5, without a single write', async () => {
    stack.resetCalls();
    const { code, doc, stderr } = await statusJson(home);
    expect(code).toBe(5);
    expect(doc.ok).toBe(false);
    // No record names an admin: there is no admin user to look for.
    expect(doc.resources.map((r: any) => r.resource)).toEqual(['userPool', 'appClient', 'adminGroup', 'identityPool', 'iamRole', 'identityPoolRoles']);
    expect(doc.resources.every((r: any) => r.state === 'missing')).toBe(true);
    expect(stderr.split('\n')[0]).toBe("mmbatch-auth: 6 missing (of 6 resources of the setup 'mmbatch')");
    expect(doc.checks.filter((c: any) => c.result === 'fail').map((c: any) => c.id)).toEqual(expect.arrayContaining(['cognito_user_pool_self_registration_disabled', 'cognito_identity_pool_guest_access_disabled']));
    expect(stack.writeCalls()).toEqual([]);
  });
});

describe('status after setup', () => {
  const home = tempHome();
  let ids: any;
  afterAll(() => home.cleanup());

  beforeAll(async () => {
    const result = await setup(home);
    expect(result.code).toBe(0);
    ids = JSON.parse(result.stdout);
  });

  test('all ok: exit 0, every resource present and as setup left it, no write to AWS or the server', async () => {
    stack.resetCalls();
    const serverCallsBefore = server.calls.length;
    const { code, doc, stderr } = await statusJson(home);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(doc).toMatchObject({ ok: true, name: 'audit' });
    expect(doc.resources).toEqual([
      { resource: 'userPool', id: ids.userPoolId, origin: 'created', state: 'ok', drift: [] },
      { resource: 'appClient', id: ids.clientId, origin: 'created', state: 'ok', drift: [] },
      { resource: 'adminGroup', id: 'admin', origin: 'created', state: 'ok', drift: [] },
      { resource: 'adminUser', id: ADMIN, origin: 'created', state: 'ok', drift: [] },
      { resource: 'identityPool', id: ids.identityPoolId, origin: 'created', state: 'ok', drift: [] },
      { resource: 'iamRole', id: ids.roleArn, origin: 'created', state: 'ok', drift: [] },
      { resource: 'identityPoolRoles', id: ids.identityPoolId, origin: 'created', state: 'ok', drift: [] },
      { resource: 'server', id: server.url, origin: 'adopted', state: 'ok', drift: [] },
    ]);
    expect(doc.checks.filter((c: any) => c.result === 'fail' && !c.waived)).toEqual([]);
    expect(stack.writeCalls()).toEqual([]);
    expect(server.calls.slice(serverCallsBefore).map((c: any) => c.method)).toEqual(['GET']);
  });

  test('drift made by hand: status names each one and exits 5; setup repairs it; status exits 0', async () => {
    // Self-registration on (and, since UpdateUserPool resets what it is not given, deletion protection off).
    const { UserPool } = await idp.send(new DescribeUserPoolCommand({ UserPoolId: ids.userPoolId }));
    await idp.send(new UpdateUserPoolCommand({ UserPoolId: ids.userPoolId, AdminCreateUserConfig: { AllowAdminCreateUserOnly: false }, AutoVerifiedAttributes: ['email'], Policies: UserPool!.Policies }));
    // An extra auth flow.
    await idp.send(new UpdateUserPoolClientCommand({ UserPoolId: ids.userPoolId, ClientId: ids.clientId, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH'], PreventUserExistenceErrors: 'ENABLED' }));
    // Unauthenticated identities on.
    const pool = await identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: ids.identityPoolId }));
    await identity.send(new UpdateIdentityPoolCommand({ ...pool, AllowUnauthenticatedIdentities: true, $metadata: undefined } as any));
    // A trust policy without aud or amr: any identity pool anywhere could assume the role.
    await iam.send(new UpdateAssumeRolePolicyCommand({
      RoleName: ids.roleArn.split('/').pop(),
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }] }),
    }));
    // The server's identity pool changed behind our back.
    server.config.security.cognito.identityPoolID = 'us-east-1:00000000-0000-0000-0000-000000000000';

    stack.resetCalls();
    const drifted = await statusJson(home);
    expect(drifted.code).toBe(5);
    expect(drifted.doc.ok).toBe(false);
    expect(drifted.stderr.split('\n')[0]).toBe("mmbatch-auth: 5 drifted from the safe settings (of 8 resources of the setup 'audit')");
    const found = byResource(drifted.doc);
    expect(found.userPool).toMatchObject({ state: 'drift', drift: ['self-registration: on (safe: off)', 'deletion protection: INACTIVE (safe: ACTIVE)'] });
    expect(found.appClient.state).toBe('drift');
    expect(found.appClient.drift[0]).toMatch(/^auth flows: .*ALLOW_USER_PASSWORD_AUTH.* \(safe: /);
    expect(found.identityPool).toMatchObject({ state: 'drift', drift: ['unauthenticated (guest) identities: on (safe: off)'] });
    expect(found.iamRole.state).toBe('drift');
    // In a role setup made, a lone statement is setup's own (an older version wrote it without a Sid): it is loosened.
    expect(found.iamRole.drift).toEqual([
      `setup's trust statement: any identity pool (no aud), unauthenticated identities too (no amr=authenticated) (safe: aud=${ids.identityPoolId}, amr=authenticated)`,
    ]);
    expect(found.server).toMatchObject({ state: 'drift', drift: [`identity pool: us-east-1:00000000-0000-0000-0000-000000000000 (safe: ${ids.identityPoolId})`] });
    const failing = drifted.doc.checks.filter((c: any) => c.result === 'fail').map((c: any) => c.id);
    expect(failing).toEqual(expect.arrayContaining(['cognito_user_pool_self_registration_disabled', 'cognito_user_pool_deletion_protection_enabled', 'cognito_identity_pool_guest_access_disabled', 'role_trust_bound_to_identity_pool']));
    expect(found.adminUser.state).toBe('ok');
    expect(stack.writeCalls()).toEqual([]);

    // The same report for people: each drift on its own line under its resource.
    const human = await status(home);
    expect(human.code).toBe(5);
    expect(human.stdout).toMatch(/^user pool +\S+ +drift\n {2}- self-registration: on \(safe: off\)\n {2}- deletion protection: INACTIVE \(safe: ACTIVE\)\n/m);
    expect(human.stdout).toMatch(/^identity pool +\S+ +drift\n {2}- unauthenticated \(guest\) identities: on \(safe: off\)$/m);
    expect(human.stdout).toMatch(/^ {2}fail cognito_user_pool_self_registration_disabled: self-registration: on \(safe: off\)$/m);

    const repaired = await setup(home);
    expect(repaired.code).toBe(0);
    const after = await statusJson(home);
    expect(after.doc.resources.filter((r: any) => r.state !== 'ok')).toEqual([]);
    expect(after.code).toBe(0);
  });

  test('a missing identity pool is reported missing (with its role mapping), and setup recreates it', async () => {
    await identity.send(new DeleteIdentityPoolCommand({ IdentityPoolId: ids.identityPoolId }));
    const missing = await statusJson(home);
    expect(missing.code).toBe(5);
    const found = byResource(missing.doc);
    expect(found.identityPool).toEqual({ resource: 'identityPool', id: null, origin: 'created', state: 'missing', drift: [] });
    expect(found.identityPoolRoles.state).toBe('missing');
    // The role's trust and the server still name the deleted pool: both drift from a setup whose pool is to be made.
    expect(found.iamRole.state).toBe('drift');
    expect(missing.stderr.split('\n')[0]).toMatch(/^mmbatch-auth: 2 missing, 2 drifted from the safe settings \(of 8 resources of the setup 'audit'\)$/);
    expect(missing.stderr.split('\n')[1]).toBe('run `mmbatch-auth status --fix --name audit` (or `mmbatch-auth setup --name audit`) to repair them');

    // The server still points at the deleted pool: setup re-points it (with a token of the same user pool).
    const repaired = await setup(home);
    expect(repaired.code).toBe(0);
    const after = await statusJson(home);
    expect(after.code).toBe(0);
    expect(byResource(after.doc).identityPool.id).not.toBe(ids.identityPoolId);
  });

  test('a server pointing at another user pool is drift', async () => {
    const before = { ...server.config.security.cognito };
    server.config.security.cognito.userPoolID = 'us-east-1_SomeoneElse';
    try {
      const { code, doc } = await statusJson(home);
      expect(code).toBe(5);
      expect(byResource(doc).server).toMatchObject({ state: 'drift', drift: [expect.stringMatching(/^user pool: us-east-1_SomeoneElse \(safe: us-east-1_\w+\)$/)] });
    } finally {
      Object.assign(server.config.security.cognito, before);
    }
  });

  test('Cognito off on the server is reported missing', async () => {
    server.config.security.cognito.enabled = false;
    try {
      const { code, doc } = await statusJson(home);
      expect(code).toBe(5);
      expect(byResource(doc).server).toMatchObject({ state: 'missing', drift: ['Cognito: off (safe: on)'] });
    } finally {
      server.config.security.cognito.enabled = true;
    }
  });

  test('a client with a secret is drift, which setup refuses to repair and says why', async () => {
    const { UserPoolClient } = await idp.send(new CreateUserPoolClientCommand({
      UserPoolId: ids.userPoolId, ClientName: 'with-secret', GenerateSecret: true,
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH'], PreventUserExistenceErrors: 'ENABLED',
    }));
    const other = tempHome();
    try {
      // A setup whose record names that client.
      const settings = JSON.parse(readFileSync(home.settingsFile, 'utf8'));
      const record = settings.setups.audit;
      record.resources.appClient = { id: UserPoolClient!.ClientId, origin: 'adopted' };
      delete record.server;
      mkdirSync(dirname(other.settingsFile), { recursive: true });
      writeFileSync(other.settingsFile, JSON.stringify({ version: 2, setups: { audit: record } }));
      const { code, doc } = await statusJson(other);
      expect(code).toBe(5);
      expect(byResource(doc).appClient).toMatchObject({ id: UserPoolClient!.ClientId, state: 'blocked' });
      expect(byResource(doc).appClient.drift).toContainEqual(expect.stringMatching(/^blocked: the app client has a secret, which a browser cannot keep/));
      const repair = await runCli(['setup', '--yes', '--admin-password-stdin'], { env: { ...stack.env(), ...other.env }, stdin: PASSWORD });
      expect(repair.code).toBe(2);
      expect(repair.stderr).toContain('mmbatch-auth: setup cannot go on: app client: the app client has a secret, which a browser cannot keep');
    } finally {
      other.cleanup();
    }
  });

  test('--name of another setup reports that one (here: nothing), not the recorded IDs', async () => {
    const result = await status(home, ['--json', '--name', 'elsewhere']);
    expect(result.code).toBe(5);
    const doc = JSON.parse(result.stdout);
    const found = byResource(doc);
    expect(found.userPool).toEqual({ resource: 'userPool', id: null, origin: 'created', state: 'missing', drift: [] });
  });
});
