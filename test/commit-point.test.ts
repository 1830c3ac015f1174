// The server is the commit point: a setup that fails at any AWS step — a write refused, a 500 that
// outlasts the retries, the identity pool that will not hand out credentials — leaves the MMBatch
// server exactly as it was, and the next run completes the setup and only then switches it.
import { startWorld, type World } from './support/world.js';
// @ts-expect-error: plain JS test support
import { runCli, tempHome } from './support/cli.mjs';

const PASSWORD = 'Commit-Point-Pass-123!';
const ADMIN = 'commit@example.com';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world?.stop());

function setup(home: { env: Record<string, string> }, name: string, extra: string[] = []) {
  return runCli(['setup', '--yes', '--json', '--name', name, '--admin-email', ADMIN, '--server', world.server.url, '--admin-password-stdin', ...extra], {
    env: { ...world.stack.env(), ...home.env, AWS_MAX_ATTEMPTS: '2' },
    stdin: PASSWORD,
  });
}

const serverState = () => JSON.stringify(world.server.config.security.cognito);
const serverWrites = (from: number) => world.server.calls.slice(from).filter((call: { method: string }) => call.method !== 'GET');

// Every AWS write setup makes (and the proof's credentials call), failed two ways.
const STEPS: [string, string][] = [
  ['cognito-idp', 'CreateUserPool'],
  ['cognito-idp', 'CreateUserPoolClient'],
  ['cognito-idp', 'CreateGroup'],
  ['cognito-idp', 'AdminCreateUser'],
  ['cognito-idp', 'AdminSetUserPassword'],
  ['cognito-idp', 'AdminAddUserToGroup'],
  ['cognito-identity', 'CreateIdentityPool'],
  ['iam', 'CreateRole'],
  ['iam', 'PutRolePolicy'],
  ['cognito-identity', 'SetIdentityPoolRoles'],
  ['cognito-identity', 'GetId'],
  ['cognito-identity', 'GetCredentialsForIdentity'],
];

describe.each(STEPS)('a failure at %s %s', (service, operation) => {
  test.each([
    ['access denied', 'denied', { error: 'accessDenied', times: 1 }],
    ['a 500 that outlasts the retries', 'internal', { error: 'internal', times: 2 }],
  ] as const)('%s leaves the server as it was; the next run completes', async (_what, kind, fault) => {
    const home = tempHome();
    const name = `commit ${STEPS.findIndex(([, op]) => op === operation)} ${kind}`;
    const policy = `${home.dir}/policy.json`;
    require('node:fs').writeFileSync(policy, JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }] }));
    const extra = operation === 'PutRolePolicy' ? ['--role-policy', policy] : [];
    const before = serverState();
    const serverCallsBefore = world.server.calls.length;
    world.stack.injectFault({ service, operation, ...fault });
    const failed = await setup(home, name, extra);
    world.stack.clearFaults();
    expect(failed.stdout).toBe('');
    expect(failed.code).toBe(1);
    expect(failed.stderr.split('\n')[0]).toMatch(new RegExp(operation));
    expect(serverState()).toBe(before);
    expect(serverWrites(serverCallsBefore)).toEqual([]);

    const completed = await setup(home, name, extra);
    // The server still uses the pools of the setup the previous case completed: named, not taken.
    for (const line of completed.stderr.split('\n').filter(Boolean)) expect(line).toMatch(/^mmbatch-auth: warning: the server names (user|identity) pool \S+, which is the setup 'commit \d+ \w+''s: not taken for /);
    expect(completed.code).toBe(0);
    const doc = JSON.parse(completed.stdout);
    expect(world.server.config.security.cognito).toMatchObject({ enabled: true, userPoolID: doc.userPoolId, clientID: doc.clientId, identityPoolID: doc.identityPoolId });
    // The proof reached the identity pool with the admin's real token, and got the role's credentials.
    expect(world.stack.identities().some((identity: { IdentityPoolId: string; roleArn?: string }) => identity.IdentityPoolId === doc.identityPoolId && identity.roleArn === doc.roleArn)).toBe(true);
    home.cleanup();
  });
});

describe('a trust policy that does not admit the identity pool', () => {
  const home = tempHome();
  afterAll(() => home.cleanup());

  test('fails the proof, so the server is never switched to it', async () => {
    // A role of someone's whose trust names another identity pool: setup adds its own statement,
    // so break that statement's aud after setup made the role, then let setup repair the rest.
    const first = await setup(home, 'commit trust');
    expect(first.code).toBe(0);
    const doc = JSON.parse(first.stdout);
    const { UpdateAssumeRolePolicyCommand } = await import('@aws-sdk/client-iam');
    await world.iam.send(
      new UpdateAssumeRolePolicyCommand({
        RoleName: doc.roleArn.split('/').pop(),
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:00000000-0000-0000-0000-000000000000' } } }],
        }),
      }),
    );
    // The server stays on this setup; what matters is that the proof runs against the live trust
    // policy, and the repaired one works.
    const repaired = await setup(home, 'commit trust');
    expect(repaired.code).toBe(0);
    const changes = Object.fromEntries(JSON.parse(repaired.stdout).changes.map((c: { resource: string; action: string }) => [c.resource, c.action]));
    expect(changes.iamRole).toBe('updated');
  });
});
