// `users add|list|remove` end to end, each result checked through Cognito's own AdminGetUser and
// AdminListGroupsForUser; bad input refused before any AWS call; the last admin protected.
import { AdminGetUserCommand, AdminListGroupsForUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { ADMIN, PASSWORD, operations, startWorld, type SetUpWorld as World } from './support/world.js';

let world: World;

beforeAll(async () => {
  world = await startWorld({ setup: true });
});

afterAll(async () => {
  await world?.stop();
});

async function cognitoUser(email: string) {
  try {
    const user = await world.idp.send(new AdminGetUserCommand({ UserPoolId: world.userPoolId, Username: email }));
    const { Groups } = await world.idp.send(new AdminListGroupsForUserCommand({ UserPoolId: world.userPoolId, Username: email }));
    const attributes = Object.fromEntries((user.UserAttributes ?? []).map((a) => [a.Name, a.Value]));
    return { status: user.UserStatus, enabled: user.Enabled, attributes, groups: (Groups ?? []).map((g) => g.GroupName) };
  } catch (error) {
    if ((error as Error).name === 'UserNotFoundException') return undefined;
    throw error;
  }
}

const writes = () => world.stack.writeCalls().map((call: any) => call.operation);

describe('users add', () => {
  test('without a password: Cognito creates it with a temporary one (to be e-mailed), e-mail verified', async () => {
    world.stack.resetCalls();
    const result = await world.cli(['users', 'add', 'invited@example.com', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ email: 'invited@example.com', action: 'created', status: 'FORCE_CHANGE_PASSWORD', enabled: true, groups: [] });
    expect(writes()).toEqual(['AdminCreateUser']);
    const user = await cognitoUser('invited@example.com');
    expect(user).toMatchObject({ status: 'FORCE_CHANGE_PASSWORD', enabled: true, groups: [] });
    expect(user!.attributes).toMatchObject({ email: 'invited@example.com', email_verified: 'true' });
    expect(await world.stack.userPassword(world.userPoolId, 'invited@example.com')).toEqual(expect.any(String));
  });

  test('--password-stdin: a permanent password, no invitation, and it signs in', async () => {
    world.stack.resetCalls();
    const result = await world.cli(['users', 'add', 'ready@example.com', '--password-stdin'], { stdin: `${PASSWORD}\n` });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('created');
    expect(result.stdout).not.toContain(PASSWORD);
    expect(writes()).toEqual(['AdminCreateUser', 'AdminSetUserPassword']);
    expect(await cognitoUser('ready@example.com')).toMatchObject({ status: 'CONFIRMED', groups: [] });
    const token = await world.cli(['token', '--username', 'ready@example.com', '--no-cache', '--password-stdin'], { stdin: PASSWORD });
    expect(token.code).toBe(0);
  });

  test('--admin puts the user in the admin group', async () => {
    const result = await world.cli(['users', 'add', 'second-admin@example.com', '--admin', '--password-stdin', '--json'], { stdin: PASSWORD });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ action: 'created', groups: ['admin'] });
    expect((await cognitoUser('second-admin@example.com'))!.groups).toEqual(['admin']);
  });

  test('adding an existing user is idempotent; with --admin it only joins the group', async () => {
    world.stack.resetCalls();
    const again = await world.cli(['users', 'add', 'ready@example.com', '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).action).toBe('unchanged');
    expect(writes()).toEqual([]);
    const promoted = await world.cli(['users', 'add', 'ready@example.com', '--admin', '--json']);
    expect(JSON.parse(promoted.stdout)).toMatchObject({ action: 'updated', groups: ['admin'] });
    expect(writes()).toEqual(['AdminAddUserToGroup']);
  });

  test('a password that breaks the pool policy: exit 2, and no half-made user is left', async () => {
    const result = await world.cli(['users', 'add', 'weak@example.com', '--password-stdin'], { stdin: 'short' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('password policy');
    expect(await cognitoUser('weak@example.com')).toBeUndefined();
  });

  test('--dry-run changes nothing', async () => {
    world.stack.resetCalls();
    const result = await world.cli(['users', 'add', 'dry@example.com', '--admin', '--dry-run', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ email: 'dry@example.com', action: 'create', groups: ['admin'], dryRun: true });
    expect(writes()).toEqual([]);
    expect(await cognitoUser('dry@example.com')).toBeUndefined();
  });

  test.each([
    [['users', 'add', 'not-an-email'], 'invalid e-mail address'],
    [['users', 'add', 'x@example.com', '--admin-group', 'ops'], 'pass --admin too'],
    [['users', 'remove', 'also not an email'], 'invalid e-mail address'],
  ])('%j: exit 2 before any AWS call', async (args, message) => {
    world.stack.resetCalls();
    const result = await world.cli(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(operations(world)).toEqual([]);
  });

  test('--admin with a group the pool does not have: exit 2, nothing written', async () => {
    world.stack.resetCalls();
    const result = await world.cli(['users', 'add', 'x@example.com', '--admin', '--admin-group', 'no-such-group']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("no group 'no-such-group'");
    expect(writes()).toEqual([]);
  });
});

describe('users list', () => {
  test('--json: an array with e-mail, status, enabled and groups', async () => {
    const result = await world.cli(['users', 'list', '--json']);
    expect(result.code).toBe(0);
    const users = JSON.parse(result.stdout);
    expect(Array.isArray(users)).toBe(true);
    const byEmail = Object.fromEntries(users.map((u: any) => [u.email, u]));
    expect(byEmail[ADMIN]).toMatchObject({ status: 'CONFIRMED', enabled: true, groups: ['admin'] });
    expect(byEmail['invited@example.com']).toMatchObject({ status: 'FORCE_CHANGE_PASSWORD', enabled: true, groups: [] });
    expect(byEmail['ready@example.com'].groups).toEqual(['admin']);
  });

  test('for people: a table with those columns', async () => {
    const result = await world.cli(['users', 'list']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0].split(/\s+/)).toEqual(['EMAIL', 'STATUS', 'ENABLED', 'GROUPS']);
    expect(lines.find((line) => line.startsWith('invited@example.com'))!.split(/\s+/)).toEqual(['invited@example.com', 'FORCE_CHANGE_PASSWORD', 'yes', '-']);
  });
});

describe('users remove', () => {
  test('removes the user (no prompt without a terminal)', async () => {
    const result = await world.cli(['users', 'remove', 'invited@example.com', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ email: 'invited@example.com', action: 'removed' });
    expect(await cognitoUser('invited@example.com')).toBeUndefined();
  });

  test('an unknown user: exit 2', async () => {
    const result = await world.cli(['users', 'remove', 'invited@example.com']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("no user 'invited@example.com'");
  });

  test('--dry-run removes nothing', async () => {
    world.stack.resetCalls();
    const result = await world.cli(['users', 'remove', 'second-admin@example.com', '--dry-run', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ action: 'remove', dryRun: true });
    expect(writes()).toEqual([]);
    expect(await cognitoUser('second-admin@example.com')).toBeDefined();
  });

  test('never the admin group\'s last enabled member', async () => {
    expect((await world.cli(['users', 'remove', 'second-admin@example.com'])).code).toBe(0);
    expect((await world.cli(['users', 'remove', 'ready@example.com'])).code).toBe(0);
    world.stack.resetCalls();
    const result = await world.cli(['users', 'remove', ADMIN]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('last enabled member');
    expect(result.stderr).toContain('users add <email> --admin');
    expect(writes()).toEqual([]);
    expect(await cognitoUser(ADMIN)).toMatchObject({ groups: ['admin'] });
  });
});
