// How many rounds of AWS calls `users list` makes, from the stack's call log (the longest chain of
// calls each of which waited for the one before: test/support/critical-path.mjs). The ListUsers
// pages are one chain by nature; the admin group's members (its name is in the setup's record) are
// walked beside it from the start, and only groups ListGroups finds besides it wait for ListGroups.
import { CognitoIdentityProviderClient, CreateGroupCommand, AdminAddUserToGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
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
const PASSWORD = 'Users-List-Pass-123!';
const ADMIN = 'lister@example.com';

let stack: any;
let server: any;
let idp: CognitoIdentityProviderClient;
let userPoolId: string;
const home = tempHome();

const cli = (args: string[]) => runCli(args, { env: { ...stack.env(), ...home.env } });
const cliCalls = () => stack.calls.filter((c: any) => c.cli);

beforeAll(async () => {
  stack = await startStack({ delayMs: 0, iamPropagationMs: 0 });
  server = await startMmbatchServer({ issuerFor: (_r: string, poolId: string) => stack.issuer(poolId), jwksUriFor: (_r: string, poolId: string) => stack.jwksUri(poolId) });
  const setup = await runCli(['setup', '--yes', '--json', '--name', 'listed', '--admin-email', ADMIN, '--admin-password-stdin', '--server', server.url], {
    env: { ...stack.env(), ...home.env },
    stdin: PASSWORD,
  });
  expect(setup).toMatchObject({ code: 0 });
  userPoolId = JSON.parse(setup.stdout).userPoolId;
  const env = stack.env();
  idp = new CognitoIdentityProviderClient({ endpoint: stack.endpoint, region: stack.region, credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY } });
}, 120_000);
afterAll(async () => {
  idp?.destroy();
  await server?.stop();
  await stack?.stop();
  home.cleanup();
});

/** Runs `users list --json` with the delay on; its critical path and its calls. */
async function listed() {
  stack.resetCalls();
  stack.setDelay(DELAY_MS);
  try {
    const result = await cli(['users', 'list', '--json', '--name', 'listed']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    return { users: JSON.parse(result.stdout), path: criticalPath(stack.calls) as string[], calls: cliCalls() };
  } finally {
    stack.setDelay(0);
  }
}

test("one page of users and only the setup's admin group: one round (the admin group's members do not wait for ListGroups)", async () => {
  const { users, path, calls } = await listed();
  expect(users).toEqual([expect.objectContaining({ email: ADMIN, groups: ['admin'] })]);
  expect(path).toHaveLength(1);
  const listGroups = calls.find((c: any) => c.operation === 'ListGroups');
  const adminMembers = calls.find((c: any) => c.operation === 'ListUsersInGroup');
  expect(adminMembers.start).toBeLessThan(listGroups.end);
  expect(stack.writeCalls()).toEqual([]);
});

test('three pages of users and another group: the ListUsers pages are the only chain; the other group waits for ListGroups, beside them', async () => {
  await stack.seedUsers(userPoolId, 130, { emailPrefix: 'listed-' });
  await idp.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: 'ops' }));
  await idp.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: 'listed-7@example.com', GroupName: 'ops' }));
  const { users, path, calls } = await listed();
  expect(users).toHaveLength(131);
  expect(users.find((u: any) => u.email === ADMIN).groups).toEqual(['admin']);
  expect(users.find((u: any) => u.email === 'listed-7@example.com').groups).toEqual(['ops']);
  expect(users.find((u: any) => u.email === 'listed-8@example.com').groups).toEqual([]);
  expect(path).toEqual(['ListUsers', 'ListUsers', 'ListUsers']);
  expect(calls.filter((c: any) => c.operation === 'ListUsers')).toHaveLength(3);
  // The admin group's walk started with the first page; the other group's after ListGroups.
  const firstPage = calls.find((c: any) => c.operation === 'ListUsers');
  const listGroups = calls.find((c: any) => c.operation === 'ListGroups');
  const groupWalks = calls.filter((c: any) => c.operation === 'ListUsersInGroup');
  expect(groupWalks).toHaveLength(2);
  expect(groupWalks[0].start).toBeLessThan(firstPage.end);
  expect(groupWalks[1].start).toBeGreaterThanOrEqual(listGroups.end);
}, 60_000);

test("thirty groups: their walks stay under Cognito's UserList quota (ListUsers and ListUsersInGroup share 30 a second): at most 25 start in any second (27 allowed for timer and network jitter), at most 4 at once", async () => {
  for (let i = 1; i <= 28; i++) await idp.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: `team-${i}` }));
  stack.resetCalls();
  stack.setDelay(20);
  let result;
  try {
    result = await cli(['users', 'list', '--json', '--name', 'listed']);
  } finally {
    stack.setDelay(0);
  }
  expect(result).toMatchObject({ code: 0, stderr: '' });
  expect(JSON.parse(result.stdout)).toHaveLength(131);
  const userList = cliCalls().filter((c: any) => c.operation === 'ListUsers' || c.operation === 'ListUsersInGroup');
  expect(userList).toHaveLength(3 + 30);
  for (const call of userList) {
    expect(userList.filter((other: any) => other.start >= call.start && other.start < call.start + 1000).length).toBeLessThanOrEqual(27);
    expect(userList.filter((other: any) => other.start <= call.start && other.end > call.start).length).toBeLessThanOrEqual(4);
  }
}, 60_000);
