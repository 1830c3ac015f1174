// A setup touches only what its own name owns, never a statement it did not write. The role setup
// makes can gain statements it did not write (a person's; another setup's, through --role-arn):
// teardown then keeps the role and takes out only its own statement. And a role (or pool) that is
// another setup's is refused when handed over, as its record or its tags say, before any write.
import { CreateRoleCommand, GetRoleCommand, ListRolePoliciesCommand, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWorld, settingsOf, Homes, type World } from './support/world.js';
// @ts-expect-error: plain JS test support
import { runCli } from './support/cli.mjs';

const PASSWORD = 'Role-Owner-Pass-123!';
const ADMIN = 'roles@example.com';
const personal = { Sid: 'PersonEc2', Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' };

let world: World;
const homes = new Homes(() => world);
beforeAll(async () => {
  world = await startWorld({ server: false });
});
afterAll(async () => {
  homes.cleanup();
  await world?.stop();
});

const run = (home: { env: Record<string, string> }, args: string[]) => runCli(args, { env: { ...world.stack.env(), ...home.env }, stdin: PASSWORD });
const setup = (home: { env: Record<string, string> }, name: string, extra: string[] = []) =>
  run(home, ['setup', '--yes', '--json', '--name', name, '--admin-email', ADMIN, '--admin-password-stdin', ...extra]);
const roleOf = async (name: string) => {
  try {
    return (await world.iam.send(new GetRoleCommand({ RoleName: name }))).Role;
  } catch {
    return undefined;
  }
};
const trustOf = async (name: string) => JSON.parse(decodeURIComponent((await roleOf(name))!.AssumeRolePolicyDocument!));
const roleNameOf = (arn: string) => arn.split('/').pop()!;

describe("teardown of a role setup made that has statements setup did not write", () => {
  test("a person's trust statement: the role stays with that statement alone; the setup's statement and its inline policy go", async () => {
    const home = homes.empty();
    const dir = mkdtempSync(join(tmpdir(), 'role-policy-'));
    const policyFile = join(dir, 'policy.json');
    writeFileSync(policyFile, JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'cognito-idp:ListUsers', Resource: '*' }] }));
    const made = await setup(home, 'pt', ['--role-policy', policyFile]);
    rmSync(dir, { recursive: true, force: true });
    expect(made.code).toBe(0);
    const roleName = roleNameOf(settingsOf(home).setups.pt.resources.iamRole.id);
    const trust = await trustOf(roleName);
    await world.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: roleName, PolicyDocument: JSON.stringify({ ...trust, Statement: [...trust.Statement, personal] }) }));

    const down = await run(home, ['teardown', '--yes', '--json', '--name', 'pt', '--no-server']);
    expect(down.code).toBe(0);
    expect(await roleOf(roleName)).toBeDefined();
    expect((await trustOf(roleName)).Statement).toEqual([personal]);
    expect((await world.iam.send(new ListRolePoliciesCommand({ RoleName: roleName }))).PolicyNames).toEqual([]);
    expect(JSON.parse(down.stdout).kept).toContainEqual(expect.objectContaining({ resource: 'iamRole', reason: expect.stringContaining('PersonEc2') }));
  });

  test("another setup's statement (an older version let --role-arn reuse it): the role stays, with only that setup's statement", async () => {
    const home = homes.empty();
    expect((await setup(home, 'owner')).code).toBe(0);
    const roleName = roleNameOf(settingsOf(home).setups.owner.resources.iamRole.id);
    const trust = await trustOf(roleName);
    const theirs = { ...trust.Statement[0], Sid: 'MmbatchAuth6f74686572', Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:00000000-0000-0000-0000-000000000000' } } };
    await world.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: roleName, PolicyDocument: JSON.stringify({ ...trust, Statement: [...trust.Statement, theirs] }) }));

    const down = await run(home, ['teardown', '--yes', '--json', '--name', 'owner', '--no-server']);
    expect(down.code).toBe(0);
    expect((await trustOf(roleName)).Statement).toEqual([theirs]);
  });
});

describe("--role-arn naming another setup's role", () => {
  test('in the same settings file: refused before any write to AWS, exit 2, naming that setup', async () => {
    const home = homes.empty();
    expect((await setup(home, 'rp')).code).toBe(0);
    const arn = settingsOf(home).setups.rp.resources.iamRole.id;
    const before = await trustOf(roleNameOf(arn));
    world.stack.resetCalls();
    const refused = await setup(home, 'rs', ['--role-arn', arn]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^mmbatch-auth: setup cannot go on: IAM role: .*belongs to the setup 'rp'/);
    expect(await trustOf(roleNameOf(arn))).toEqual(before);
    expect(await world.userPoolsNamed('rs')).toEqual([]);
    expect(settingsOf(home).setups.rs).toBeUndefined();
  });

  test("made by another setup elsewhere (its tags say so, no record here): refused, exit 2, the role untouched", async () => {
    const elsewhere = homes.empty();
    expect((await setup(elsewhere, 'far')).code).toBe(0);
    const arn = settingsOf(elsewhere).setups.far.resources.iamRole.id;
    const before = await trustOf(roleNameOf(arn));
    const here = homes.empty();
    const refused = await setup(here, 'near', ['--role-arn', arn]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^mmbatch-auth: setup cannot go on: IAM role: .*the setup 'far'/);
    expect(await trustOf(roleNameOf(arn))).toEqual(before);
  });

  test("a role a person made (no setup's tags) is still taken, as --role-arn promises", async () => {
    const home = homes.empty();
    const { Role } = await world.iam.send(new CreateRoleCommand({ RoleName: 'persons-role', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [personal] }) }));
    const result = await setup(home, 'taker', ['--role-arn', Role!.Arn!]);
    expect(result.code).toBe(0);
    expect((await trustOf('persons-role')).Statement).toHaveLength(2);
  });
});

describe('--dry-run says what the real run would refuse', () => {
  test("another setup's role, a pool ID that does not exist: exit 2 naming the blocker, as the real run", async () => {
    const home = homes.empty();
    expect((await setup(home, 'dry-owner')).code).toBe(0);
    const arn = settingsOf(home).setups['dry-owner'].resources.iamRole.id;
    world.stack.resetCalls();
    const role = await run(home, ['setup', '--dry-run', '--yes', '--name', 'dry-taker', '--admin-email', ADMIN, '--role-arn', arn]);
    expect(role.code).toBe(2);
    expect(role.stderr).toMatch(/^mmbatch-auth: setup would not go on: IAM role: .*the setup 'dry-owner'/m);
    const pool = await run(home, ['setup', '--dry-run', '--yes', '--name', 'dry-taker', '--admin-email', ADMIN, '--user-pool-id', 'us-east-1_nope']);
    expect(pool.code).toBe(2);
    expect(pool.stderr).toMatch(/^mmbatch-auth: setup would not go on: user pool: user pool us-east-1_nope does not exist/m);
    expect(world.stack.writeCalls()).toEqual([]);
  });
});
