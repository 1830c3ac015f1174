// What IAM and Cognito Identity refuse, met from the user's side with the real binary: a role mapping
// left for a provider the pool no longer has, DeleteRole answering DeleteConflict just after the
// role's last policy went, and two writes to one role at once (ConcurrentModification).
import { DeleteUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DescribeIdentityPoolCommand, GetIdentityPoolRolesCommand, SetIdentityPoolRolesCommand } from '@aws-sdk/client-cognito-identity';
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  UpdateAssumeRolePolicyCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { writeFileSync } from 'node:fs';
import { ADMIN, Homes, PASSWORD, startWorld, type Home, type World } from './support/world.js';
import { INLINE_POLICY_NAME, trustStatementSid } from '../src/config/names.js';
import { identityPoolRoles } from '../src/resources/identityPoolRoles.js';

let world: World;
const homes = new Homes(() => world);

beforeAll(async () => {
  world = await startWorld({ server: false });
});

afterAll(async () => {
  homes.cleanup();
  await world?.stop();
});

async function setup(home: Home, name: string, extra: string[] = []) {
  const result = await world.cli(['setup', '--yes', '--json', '--name', name, '--admin-email', ADMIN, '--admin-password-stdin', ...extra], { home, stdin: PASSWORD });
  return { ...result, doc: result.code === 0 ? JSON.parse(result.stdout) : undefined };
}

const teardown = (home: Home) => world.cli(['teardown', '--yes', '--json', '--no-server'], { home });

const policyFile = (home: Home, action: string) => {
  const file = `${home.dir}/policy-${action.replace(/\W/g, '-')}.json`;
  writeFileSync(file, JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] }));
  return file;
};

const roleName = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);
const cliCalls = (operation: string) => world.stack.calls.filter((call: any) => call.cli && call.service === 'iam' && call.operation === operation);
const providerKey = (userPoolId: string, clientId: string) => `cognito-idp.${world.stack.region}.amazonaws.com/${userPoolId}:${clientId}`;

/** No two of these calls were on the wire at once. */
function oneAtATime(calls: any[]) {
  const sorted = [...calls].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) expect(sorted[i].start).toBeGreaterThanOrEqual(sorted[i - 1].end);
}

describe('role mappings for a provider the pool no longer has', () => {
  test('a client replaced: setup plans the stale mapping away (a change line), and SetIdentityPoolRoles is accepted', async () => {
    const home = homes.empty();
    const first = await setup(home, 'mapped');
    expect(first.code).toBe(0);
    const { userPoolId, clientId, identityPoolId, roleArn } = first.doc;
    // Someone maps roles by token for this setup's provider, and lets guests in.
    await world.identity.send(new SetIdentityPoolRolesCommand({
      IdentityPoolId: identityPoolId,
      Roles: { authenticated: roleArn, unauthenticated: roleArn },
      RoleMappings: { [providerKey(userPoolId, clientId)]: { Type: 'Token', AmbiguousRoleResolution: 'AuthenticatedRole' } },
    }));
    // The app client is deleted: the next setup makes another, and the pool's provider becomes that one.
    await world.idp.send(new DeleteUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }));

    const plan = await setup(home, 'mapped', ['--dry-run']);
    expect(plan.code).toBe(0);
    const rolesPlan = plan.doc.changes.find((c: any) => c.resource === 'identityPoolRoles');
    expect(rolesPlan.action).toBe('updated');
    expect(rolesPlan.settings).toEqual(expect.arrayContaining([expect.objectContaining({ setting: 'roleMappings', from: [providerKey(userPoolId, clientId)], to: [] })]));

    const repaired = await setup(home, 'mapped');
    expect(repaired.stderr).toBe('');
    expect(repaired.code).toBe(0);
    expect(repaired.doc.clientId).not.toBe(clientId);
    const pool = await world.identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: identityPoolId }));
    expect(pool.CognitoIdentityProviders?.map((p) => `${p.ProviderName}:${p.ClientId}`)).toEqual([providerKey(userPoolId, repaired.doc.clientId)]);
    const roles = await world.identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: identityPoolId }));
    expect(roles.Roles).toEqual({ authenticated: roleArn });
    expect(roles.RoleMappings).toBeUndefined();
    expect(await teardown(home)).toMatchObject({ code: 0 });
  });

  test('the stack refuses a mapping for a provider the pool does not have, as AWS does', async () => {
    const home = homes.empty();
    const { doc } = await setup(home, 'refused');
    const stale = providerKey(doc.userPoolId, 'someotherclient1234567890');
    await expect(world.identity.send(new SetIdentityPoolRolesCommand({
      IdentityPoolId: doc.identityPoolId,
      Roles: { authenticated: doc.roleArn },
      RoleMappings: { [stale]: { Type: 'Token', AmbiguousRoleResolution: 'Deny' } },
    }))).rejects.toMatchObject({ name: 'InvalidParameterException', message: `${stale} is not a valid RoleMapping ProviderName or is not a configured provider.` });
    expect(await teardown(home)).toMatchObject({ code: 0 });
  });

  test("an adopted pool's mappings are someone's: kept, whatever provider they name", () => {
    const live = { IdentityPoolId: 'us-east-1:1', Roles: { authenticated: 'arn:aws:iam::000000000000:role/r' }, RoleMappings: { 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Other:c': { Type: 'Token' as const } } };
    const want = { roleArn: 'arn:aws:iam::000000000000:role/r', provider: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Ours:c' };
    expect(identityPoolRoles.plan(live, want, 'adopted')).toMatchObject({ action: 'unchanged', changes: [] });
    expect(identityPoolRoles.plan(live, want, 'created')).toMatchObject({ action: 'update', changes: [{ setting: 'roleMappings', to: [] }] });
  });
});

describe('DeleteRole just after DeleteRolePolicy', () => {
  afterEach(() => world.stack.setIamDeleteConflictMs(0));

  test('DeleteConflict while IAM still sees the deleted policy: teardown waits it out and deletes the role', async () => {
    const home = homes.empty();
    const { doc } = await setup(home, 'conflicted', ['--role-policy', policyFile(home, 's3:ListBucket')]);
    world.stack.setIamDeleteConflictMs(1_200);
    world.stack.resetCalls();
    const result = await teardown(home);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(await world.role(doc.roleArn)).toBe(false);
    const deletes = cliCalls('DeleteRole');
    expect(deletes[0].error).toBe('DeleteConflict');
    expect(deletes.at(-1).status).toBe(200);
  });

  test('the stack refuses DeleteRole while a managed policy is attached; teardown keeps such a role and sends no DeleteRole', async () => {
    const home = homes.empty();
    const { doc } = await setup(home, 'managed');
    const name = roleName(doc.roleArn);
    await world.iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    await expect(world.iam.send(new DeleteRoleCommand({ RoleName: name }))).rejects.toMatchObject({ name: 'DeleteConflictException', message: 'Cannot delete entity, must detach all policies first.' });
    world.stack.resetCalls();
    const result = await teardown(home);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).kept).toEqual([{ resource: 'iamRole', id: doc.roleArn, reason: 'it has policies mmbatch-auth did not add: arn:aws:iam::aws:policy/ReadOnlyAccess' }]);
    expect(cliCalls('DeleteRole')).toEqual([]);
    expect(await world.role(doc.roleArn)).toBe(true);
  });
});

describe('writes to one role, one at a time', () => {
  test('a repair of the trust policy and the inline policy: one after the other, ConcurrentModification retried', async () => {
    const home = homes.empty();
    const policy = policyFile(home, 's3:ListBucket');
    const { doc } = await setup(home, 'repaired', ['--role-policy', policy]);
    const name = roleName(doc.roleArn);
    // Drift on both: the trust policy someone else's, the inline policy widened.
    await world.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: name, PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) }));
    await world.iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: INLINE_POLICY_NAME, PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }) }));
    world.stack.injectFault({ service: 'iam', operation: 'PutRolePolicy', error: { code: 'ConcurrentModification', status: 409 }, times: 1 });
    world.stack.resetCalls();
    const repaired = await setup(home, 'repaired', ['--role-policy', policy]);
    world.stack.clearFaults();
    expect(repaired.stderr).toBe('');
    expect(repaired.code).toBe(0);
    const writes = [...cliCalls('UpdateAssumeRolePolicy'), ...cliCalls('PutRolePolicy')];
    expect(writes.map((call) => `${call.operation} ${call.status}`)).toEqual(['UpdateAssumeRolePolicy 200', 'PutRolePolicy 409', 'PutRolePolicy 200']);
    oneAtATime(writes);
    const inline = await world.iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: INLINE_POLICY_NAME }));
    expect(decodeURIComponent(inline.PolicyDocument!)).toContain('s3:ListBucket');
    const { Role } = await world.iam.send(new GetRoleCommand({ RoleName: name }));
    expect(decodeURIComponent(Role!.AssumeRolePolicyDocument!)).toContain(trustStatementSid('repaired'));
    expect(await teardown(home)).toMatchObject({ code: 0 });
  });

  test('a reused role given back: its trust statement, then the inline policy, ConcurrentModification retried', async () => {
    const home = homes.empty();
    const { Role } = await world.iam.send(new CreateRoleCommand({
      RoleName: 'writes-own-role',
      AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
    }));
    const set = await setup(home, 'released', ['--role-arn', Role!.Arn!, '--role-policy', policyFile(home, 's3:ListBucket')]);
    expect(set.code).toBe(0);
    world.stack.injectFault({ service: 'iam', operation: 'UpdateAssumeRolePolicy', error: { code: 'ConcurrentModification', status: 409 }, times: 1 });
    world.stack.resetCalls();
    const result = await teardown(home);
    world.stack.clearFaults();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const writes = [...cliCalls('UpdateAssumeRolePolicy'), ...cliCalls('DeleteRolePolicy')];
    expect(writes.map((call) => `${call.operation} ${call.status}`)).toEqual(['UpdateAssumeRolePolicy 409', 'UpdateAssumeRolePolicy 200', 'DeleteRolePolicy 200']);
    oneAtATime(writes);
    const after = await world.iam.send(new GetRoleCommand({ RoleName: 'writes-own-role' }));
    expect(decodeURIComponent(after.Role!.AssumeRolePolicyDocument!)).not.toContain(trustStatementSid('released'));
    await expect(world.iam.send(new GetRolePolicyCommand({ RoleName: 'writes-own-role', PolicyName: INLINE_POLICY_NAME }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });
});
