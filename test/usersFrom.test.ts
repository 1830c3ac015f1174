// `users add --from`: many people from a file or stdin, with the real binary against the local
// stack. Checked through Cognito's own reads: every person exists, admins are in the group, the
// quota's throttles were retried and nobody was lost; a re-run adds nobody twice; a malformed
// file adds nobody; a failure of some is reported and a re-run finishes them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AdminListGroupsForUserCommand, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { startWorld, type SetUpWorld } from './support/world.js';

let world: SetUpWorld;
const people = Array.from({ length: 100 }, (_, i) => `person${String(i).padStart(3, '0')}@example.com`);
const admins = new Set(people.filter((_, i) => i % 10 === 0));

beforeAll(async () => {
  world = await startWorld({ setup: true });
}, 120_000);
afterAll(async () => world?.stop());

async function allUsers(): Promise<string[]> {
  const emails: string[] = [];
  let token: string | undefined;
  do {
    const page = await world.idp.send(new ListUsersCommand({ UserPoolId: world.userPoolId, PaginationToken: token }));
    for (const user of page.Users ?? []) emails.push(user.Attributes?.find((a) => a.Name === 'email')?.Value ?? '');
    token = page.PaginationToken;
  } while (token);
  return emails;
}
const groupsOf = async (email: string) => ((await world.idp.send(new AdminListGroupsForUserCommand({ UserPoolId: world.userPoolId, Username: email }))).Groups ?? []).map((g) => g.GroupName);
const creates = () => world.stack.calls.filter((c: any) => c.cli && c.operation === 'AdminCreateUser');

test('100 people from a CSV file under a low quota: every throttle retried, nobody lost, admins in the group; a re-run adds nobody twice', async () => {
  const file = join(world.home.dir, 'people.csv');
  writeFileSync(file, ['email,admin', '# the first hundred', ...people.map((email) => `${email},${admins.has(email) ? 'yes' : 'no'}`), ''].join('\n'));
  world.stack.setQuota('AdminCreateUser', 25); // below what the CLI sends: some calls are throttled
  world.stack.resetCalls();
  try {
    const result = await world.cli(['users', 'add', '--from', file, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ created: 100, existing: 0, failed: 0 });
  } finally {
    world.stack.setQuota('AdminCreateUser', null);
  }
  expect(creates().some((c: any) => c.error === 'TooManyRequestsException' || c.status === 400)).toBe(true);
  const emails = await allUsers();
  for (const email of people) expect(emails).toContain(email);
  for (const email of [...admins].slice(0, 3)) expect(await groupsOf(email)).toContain('admin');
  expect(await groupsOf(people[1])).toEqual([]);

  world.stack.resetCalls();
  const again = await world.cli(['users', 'add', '--from', file]);
  expect(again.code).toBe(0);
  expect(again.stderr).toContain('0 added (Cognito e-mails each a temporary password), 100 already there, 0 failed');
  expect(creates().filter((c: any) => !c.error && c.status === 200)).toEqual([]);
});

test('stdin (-), one e-mail a line', async () => {
  const result = await world.cli(['users', 'add', '--from', '-'], { stdin: 'stdin-a@example.com\n\nstdin-b@example.com\n' });
  expect(result).toMatchObject({ code: 0 });
  expect(result.stderr).toContain('2 added');
  expect(await allUsers()).toEqual(expect.arrayContaining(['stdin-a@example.com', 'stdin-b@example.com']));
});

test('a malformed file is refused whole, every bad line named, before any call', async () => {
  world.stack.resetCalls();
  const result = await world.cli(['users', 'add', '--from', '-'], { stdin: 'good@example.com\nnot-an-email\ngood@example.com\nx@example.com,maybe\n' });
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/line 2: .*not-an-email.*line 3: good@example\.com again \(first on line 1\).*line 4: admin must be true or false/);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(world.stack.calls.filter((c: any) => c.cli)).toEqual([]);
});

test('some fail: each named, the others added, exit 1; the same command again finishes them', async () => {
  const batch = Array.from({ length: 12 }, (_, i) => `batch${i}@example.com`);
  world.stack.injectFault({ operation: 'AdminCreateUser', error: { code: 'InvalidParameterException', status: 400, message: 'injected' }, times: 2 });
  const result = await world.cli(['users', 'add', '--from', '-'], { stdin: batch.join('\n') });
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('10 added (Cognito e-mails each a temporary password), 0 already there, 2 failed');
  expect(result.stderr.match(/^line \d+: batch\d+@example\.com: /gm)).toHaveLength(2);
  const rerun = await world.cli(['users', 'add', '--from', '-'], { stdin: batch.join('\n') });
  expect(rerun.code).toBe(0);
  expect(rerun.stderr).toContain('2 added (Cognito e-mails each a temporary password), 10 already there, 0 failed');
  expect(await allUsers()).toEqual(expect.arrayContaining(batch));
});
