// status (the audit) end to end: the real binary against the local stack. Drift is made by hand
// through the services' own APIs, status must name each one and exit 1, and setup must repair
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

const setup = (home: Home, name = 'audit') =>
  runCli(['setup', '--yes', '--json', '--name', name, '--admin-email', ADMIN, '--admin-password-stdin', '--server', server.url], {
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
    expect(doc.resources.map((r: any) => r.resource)).toEqual([
      'userPool', 'appClient', 'adminGroup', 'adminUser', 'identityPool', 'iamRole', 'identityPoolRoles',
    ]);
    expect(doc.resources.every((r: any) => r.state === 'missing')).toBe(true);
    expect(stderr.split('\n')[0]).toBe('mmbatch-auth: 7 missing (of 7 resources)');
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
    expect(doc).toEqual({
      ok: true,
      resources: [
        { resource: 'userPool', id: ids.userPoolId, state: 'ok', drift: [] },
        { resource: 'appClient', id: ids.clientId, state: 'ok', drift: [] },
        { resource: 'adminGroup', id: 'admin', state: 'ok', drift: [] },
        { resource: 'adminUser', id: ADMIN, state: 'ok', drift: [] },
        { resource: 'identityPool', id: ids.identityPoolId, state: 'ok', drift: [] },
        { resource: 'iamRole', id: ids.roleArn, state: 'ok', drift: [] },
        { resource: 'identityPoolRoles', id: ids.identityPoolId, state: 'ok', drift: [] },
        { resource: 'server', id: server.url, state: 'ok', drift: [] },
      ],
    });
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
    expect(drifted.stderr.split('\n')[0]).toBe('mmbatch-auth: 5 drifted from the safe settings (of 8 resources)');
    const found = byResource(drifted.doc);
    expect(found.userPool).toMatchObject({ state: 'drift', drift: ['self-registration is on', 'deletion protection is off'] });
    expect(found.appClient).toMatchObject({ state: 'drift', drift: ['extra auth flows: ALLOW_USER_PASSWORD_AUTH'] });
    expect(found.identityPool).toMatchObject({ state: 'drift', drift: ['unauthenticated identities are on'] });
    expect(found.iamRole.state).toBe('drift');
    expect(found.iamRole.drift).toEqual([
      `the trust policy is not bound to identity pool ${ids.identityPoolId} (aud)`,
      'the trust policy is not limited to authenticated users (amr)',
    ]);
    expect(found.server).toMatchObject({ state: 'drift', drift: ['the server points at identity pool us-east-1:00000000-0000-0000-0000-000000000000'] });
    expect(found.adminUser.state).toBe('ok');
    expect(stack.writeCalls()).toEqual([]);

    // The same report for people: each drift on its own line under its resource.
    const human = await status(home);
    expect(human.code).toBe(5);
    expect(human.stdout).toMatch(/^user pool +\S+ +drift\n {2}- self-registration is on\n {2}- deletion protection is off\n/m);
    expect(human.stdout).toMatch(/^identity pool +\S+ +drift\n {2}- unauthenticated identities are on$/m);

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
    expect(found.identityPool).toEqual({ resource: 'identityPool', id: ids.identityPoolId, state: 'missing', drift: [] });
    expect(found.identityPoolRoles.state).toBe('missing');
    // The role and the server still name the recorded pool: they are what setup left, the pool is not.
    expect(found.iamRole.state).toBe('ok');
    expect(missing.stderr.split('\n')[0]).toBe('mmbatch-auth: 2 missing (of 8 resources)');
    expect(missing.stderr.split('\n')[1]).toBe('run `mmbatch-auth setup` to repair them');

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
      expect(byResource(doc).server).toMatchObject({ state: 'drift', drift: ['the server points at user pool us-east-1_SomeoneElse'] });
    } finally {
      Object.assign(server.config.security.cognito, before);
    }
  });

  test('Cognito off on the server is reported missing', async () => {
    server.config.security.cognito.enabled = false;
    try {
      const { code, doc } = await statusJson(home);
      expect(code).toBe(5);
      expect(byResource(doc).server).toMatchObject({ state: 'missing', drift: ['Cognito is off on the server'] });
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
      const settings = JSON.parse(readFileSync(home.settingsFile, 'utf8'));
      mkdirSync(dirname(other.settingsFile), { recursive: true });
      writeFileSync(other.settingsFile, JSON.stringify({ ...settings, clientId: UserPoolClient!.ClientId, serverUrl: undefined }));
      const { code, doc } = await statusJson(other);
      expect(code).toBe(5);
      expect(byResource(doc).appClient).toMatchObject({ id: UserPoolClient!.ClientId, state: 'drift', drift: ['the client has a secret'] });
      const repair = await runCli(['setup', '--yes', '--admin-password-stdin'], { env: { ...stack.env(), ...other.env }, stdin: PASSWORD });
      expect(repair.code).toBe(1);
      expect(repair.stderr).toContain(`mmbatch-auth: app client ${UserPoolClient!.ClientId} has a secret, which a browser cannot keep`);
    } finally {
      other.cleanup();
    }
  });

  test('--name of another setup reports that one (here: nothing), not the recorded IDs', async () => {
    const result = await status(home, ['--json', '--name', 'elsewhere']);
    expect(result.code).toBe(5);
    const doc = JSON.parse(result.stdout);
    const found = byResource(doc);
    expect(found.userPool).toEqual({ resource: 'userPool', id: null, state: 'missing', drift: [] });
  });
});
