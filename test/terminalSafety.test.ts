// Text that is not ours reaches the terminal only as text: an escape sequence or control character
// in a people file, a flag, or an AWS error message (a hostile endpoint, or anyone who can name a
// resource) must never be written raw to stderr, where the terminal would act on it (set its title,
// move the cursor, overwrite the line, ring the bell, and on some terminals worse). It is shown
// visibly escaped (\x1b), so the user still sees what was wrong. The real binary, the local stack.
import { AdminAddUserToGroupCommand, AdminCreateUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { startWorld, type SetUpWorld } from './support/world.js';

let world: SetUpWorld;

beforeAll(async () => {
  world = await startWorld({ setup: true });
}, 120_000);
afterAll(async () => world?.stop());
afterEach(() => world.stack.clearFaults());

const OSC_TITLE = '\u001b]0;PWNED\u0007';
const CSI_RED = '\u001b[31m';
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function expectTerminalSafe(text: string): void {
  expect(text).not.toMatch(RAW_CONTROL);
}

test('a people file with escape sequences: refused (exit 2) and named, with the sequences shown escaped, none raw', async () => {
  world.stack.resetCalls();
  const result = await world.cli(['users', 'add', '--from', '-'], { stdin: `a@example.com,${OSC_TITLE}\nb${CSI_RED}@example.com\nc\u202e@example.com\n` });
  expect(result.code).toBe(2);
  expectTerminalSafe(result.stderr);
  expect(result.stderr).toContain('line 1: admin must be true or false');
  expect(result.stderr).toContain('\\x1b]0;PWNED\\x07');
  // An e-mail address with a control or a bidi override in it is no e-mail address.
  expect(result.stderr).toContain("line 2: invalid e-mail address 'b\\x1b[31m@example.com'");
  expect(result.stderr).toContain("line 3: invalid e-mail address 'c\\u202e@example.com'");
  expect(world.stack.calls.filter((c: any) => c.cli && c.operation === 'AdminCreateUser')).toEqual([]);
});

test('a flag value with an escape sequence: exit 2, shown escaped', async () => {
  const result = await world.cli(['users', 'add', `x${OSC_TITLE}@example.com`]);
  expect(result.code).toBe(2);
  expectTerminalSafe(result.stderr);
  expect(result.stderr).toContain('\\x1b]0;PWNED\\x07');
});

test('a value with a line break in it: the error is still one line (and a hint line), the break shown', async () => {
  const result = await world.cli(['api', 'GET', '/api/v1/config\r\nX-Evil: 1']);
  expect(result.code).toBe(2);
  expectTerminalSafe(result.stderr);
  expect(result.stderr.trim().split('\n')).toEqual([
    "mmbatch-auth: invalid path '/api/v1/config\\x0d\\x0aX-Evil: 1'",
    'a path on the server, starting with /, e.g. /api/v1/config',
  ]);
});

test('an AWS error message with escape sequences (a hostile or broken endpoint): exit 1, the message shown escaped', async () => {
  world.stack.injectFault({ service: 'cognito-idp', operation: 'DescribeUserPool', error: { code: 'InternalErrorException', status: 500 }, message: `boom ${OSC_TITLE}${CSI_RED}red\u0008\u0008\u0008ok`, times: 10 });
  const result = await world.cli(['status']);
  expect(result.code).toBe(1);
  expectTerminalSafe(result.stderr);
  expect(result.stderr).toContain('boom \\x1b]0;PWNED\\x07\\x1b[31mred\\x08\\x08\\x08ok');
});

test('users list: a user someone else put in the pool with escapes in its e-mail is listed as text', async () => {
  const planted = `evil${OSC_TITLE}@example.com`;
  await world.idp.send(new AdminCreateUserCommand({ UserPoolId: world.userPoolId, Username: planted, UserAttributes: [{ Name: 'email', Value: planted }], MessageAction: 'SUPPRESS' }));
  const result = await world.cli(['users', 'list']);
  expect(result.code).toBe(0);
  expectTerminalSafe(result.stdout);
  expect(result.stdout).toContain('evil\\x1b]0;PWNED\\x07@example.com');
  // --json carries the value itself, escaped as JSON escapes it, for scripts.
  const json = await world.cli(['users', 'list', '--json']);
  expectTerminalSafe(json.stdout);
  expect(JSON.parse(json.stdout).map((u: { email: string }) => u.email)).toContain(planted);
});

test('status: an admin-group member planted with escapes in its e-mail is named as text in the checks', async () => {
  const planted = `admin2${CSI_RED}\u0008\u0008@example.com`;
  await world.idp.send(new AdminCreateUserCommand({ UserPoolId: world.userPoolId, Username: planted, UserAttributes: [{ Name: 'email', Value: planted }], MessageAction: 'SUPPRESS' }));
  await world.idp.send(new AdminAddUserToGroupCommand({ UserPoolId: world.userPoolId, Username: planted, GroupName: 'admin' }));
  const result = await world.cli(['status']); // NO_COLOR: any escape on stdout would be the data's
  expectTerminalSafe(result.stdout);
  expect(result.stdout).toContain('admin2\\x1b[31m\\x08\\x08@example.com');
});
