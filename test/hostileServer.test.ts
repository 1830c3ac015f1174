// A server that names another setup's pools: the MMBatch stand-in reports the user pool, client and
// identity pool of the setup 'owner' (they carry owner's tags) to a run of the setup 'guest' that
// has no record here. Neither `setup --name guest` nor `teardown --name guest` may adopt, change or
// delete what owner's tags claim, and each says why it left them alone. Asserted through Cognito's
// own reads (Describe, ListTagsForResource), never through what the CLI says it did.
import {
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  GetGroupCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DescribeIdentityPoolCommand, GetIdentityPoolRolesCommand, ListTagsForResourceCommand } from '@aws-sdk/client-cognito-identity';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import { startWorld, settingsOf, tempHome, type Home, type World } from './support/world.js';

const OWNER_ADMIN = 'owner-admin@example.com';
const GUEST_ADMIN = 'guest-admin@example.com';
const PASSWORD = 'Hostile-Server-Pass-123!';

let world: World;
let hostile: any;
let owner: { userPoolId: string; clientId: string; identityPoolId: string; roleArn: string };
const homes: Home[] = [];
const newHome = () => {
  const home = tempHome();
  homes.push(home);
  return home;
};

/** Everything of owner's that a run could change, as Cognito, Cognito Identity and IAM tell it. */
async function ownersState() {
  const pool = (await world.idp.send(new DescribeUserPoolCommand({ UserPoolId: owner.userPoolId }))).UserPool!;
  // The local stack answers no cognito-idp ListTagsForResource: DescribeUserPool's UserPoolTags are the same tags.
  const tags = pool.UserPoolTags;
  const client = (await world.idp.send(new DescribeUserPoolClientCommand({ UserPoolId: owner.userPoolId, ClientId: owner.clientId }))).UserPoolClient;
  const group = (await world.idp.send(new GetGroupCommand({ UserPoolId: owner.userPoolId, GroupName: 'admin' }))).Group;
  const users = (await world.idp.send(new ListUsersCommand({ UserPoolId: owner.userPoolId }))).Users?.map((u) => [u.Username, u.Enabled, u.UserStatus]);
  const { $metadata: _a, ...identityPool } = await world.identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: owner.identityPoolId }));
  const { $metadata: _b, ...roles } = await world.identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: owner.identityPoolId }));
  const identityPoolArn = `arn:aws:cognito-identity:${world.stack.region}:000000000000:identitypool/${owner.identityPoolId}`;
  const identityPoolTags = (await world.identity.send(new ListTagsForResourceCommand({ ResourceArn: identityPoolArn }))).Tags;
  const role = (await world.iam.send(new GetRoleCommand({ RoleName: owner.roleArn.split('/').pop()! }))).Role;
  return { pool, tags, client, group, users, identityPool, identityPoolTags, roles, role: { Arn: role?.Arn, AssumeRolePolicyDocument: role?.AssumeRolePolicyDocument, Tags: role?.Tags } };
}

/** The hostile server reports owner's IDs (as a server owner's setup switched would). */
function reportOwners(enabled: boolean) {
  Object.assign(hostile.config.security.cognito, {
    enabled,
    region: world.stack.region,
    userPoolID: owner.userPoolId,
    clientID: owner.clientId,
    identityPoolID: owner.identityPoolId,
    adminGroups: ['admin'], // kept as a list in the server's config; GET /security/cognito joins it
  });
}

let before: Awaited<ReturnType<typeof ownersState>>;
let guestPools: { userPool: string; identityPool: string } | undefined;

beforeAll(async () => {
  world = await startWorld({ server: false });
  const ownerHome = newHome();
  const made = await world.cli(['setup', '--yes', '--json', '--name', 'owner', '--admin-email', OWNER_ADMIN, '--admin-password-stdin'], { home: ownerHome, stdin: PASSWORD });
  expect(made).toMatchObject({ code: 0 });
  const doc = JSON.parse(made.stdout);
  owner = { userPoolId: doc.userPoolId, clientId: doc.clientId, identityPoolId: doc.identityPoolId, roleArn: doc.roleArn };
  hostile = await world.startServer();
  before = await ownersState();
  expect(before.tags).toMatchObject({ 'mmbatch-auth:name': 'owner' });
  expect(before.identityPoolTags).toMatchObject({ 'mmbatch-auth:name': 'owner' });
}, 120_000);

afterAll(async () => {
  for (const home of homes) home.cleanup();
  await world?.stop();
});

test("teardown --name guest, the server naming owner's pools (Cognito on), no record of guest: nothing of owner's deleted or changed, the server left on, and it says why", async () => {
  reportOwners(true);
  const serverBefore = JSON.stringify(hostile.config.security.cognito);
  world.stack.resetCalls();
  const result = await world.cli(['teardown', '--yes', '--name', 'guest', '--server', hostile.url], { home: newHome() });
  expect(result.code).toBe(0);
  expect(result.stderr).toContain(owner.userPoolId);
  expect(result.stderr).toMatch(/owner/);
  expect(world.stack.writeCalls().filter((c: any) => c.cli)).toEqual([]);
  expect(JSON.stringify(hostile.config.security.cognito)).toBe(serverBefore);
  expect(await ownersState()).toEqual(before);
}, 60_000);

test("setup --name guest, the server naming owner's pools (Cognito off): guest gets pools of its own, owner's are not adopted or changed, and it says why", async () => {
  reportOwners(false);
  const home = newHome();
  const result = await world.cli(['setup', '--yes', '--name', 'guest', '--admin-email', GUEST_ADMIN, '--admin-password-stdin', '--server', hostile.url], { home, stdin: PASSWORD });
  expect(result.code).toBe(0);
  expect(result.stderr).toContain(owner.userPoolId);
  expect(result.stderr).toMatch(/owner/);
  const guest = settingsOf(home).setups.guest.resources;
  expect(guest.userPool.id).not.toBe(owner.userPoolId);
  expect(guest.appClient.id).not.toBe(owner.clientId);
  expect(guest.identityPool.id).not.toBe(owner.identityPoolId);
  expect(guest.userPool.origin ?? 'created').toBe('created');
  guestPools = { userPool: guest.userPool.id, identityPool: guest.identityPool.id };
  // The server now uses guest's own, just-proven pool.
  expect(hostile.config.security.cognito).toMatchObject({ enabled: true, userPoolID: guest.userPool.id });
  expect(await ownersState()).toEqual(before);
}, 120_000);

test("teardown --name guest again with the server naming owner's pools: guest's own are deleted, owner's are not, the server left on", async () => {
  reportOwners(true);
  const serverBefore = JSON.stringify(hostile.config.security.cognito);
  const result = await world.cli(['teardown', '--yes', '--json', '--name', 'guest', '--server', hostile.url], { home: newHome() });
  expect(result.code).toBe(0);
  expect(guestPools).toBeDefined();
  expect(await world.userPool(guestPools!.userPool)).toBe(false);
  expect(await world.identityPool(guestPools!.identityPool)).toBe(false);
  expect(JSON.stringify(hostile.config.security.cognito)).toBe(serverBefore);
  expect(await ownersState()).toEqual(before);
}, 60_000);
