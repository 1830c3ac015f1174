// A setup from nothing that asks nobody (--yes, CI) makes its user pool beside its first reads
// rather than after them: the reads can only say "nothing yet", or name a pool of this setup that
// no record knows (a lost settings file), and the race check that follows every new pool already
// settles the second case. These tests try to break that: a pool of this setup already there, a
// run that the reads then refuse, a failing preflight, and a terminal (where nothing is written
// before the confirmation, see wizard.test.ts).
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { readFileSync, existsSync } from 'node:fs';
import { startWorld, ADMIN, Homes, PASSWORD, type World } from './support/world.js';

let world: World;
const homes = new Homes(() => world);
const home = () => homes.empty();

beforeAll(async () => {
  world = await startWorld({ delayMs: 30 });
});

afterAll(async () => {
  homes.cleanup();
  await world?.stop();
});

const setupArgs = (name: string, extra: string[] = []) => ['setup', '--yes', '--json', '--name', name, '--admin-email', ADMIN, '--admin-password-stdin', ...extra];
const ops = (operation: string) => world.stack.calls.filter((c: any) => c.cli && c.operation === operation);
const recordOf = (h: { settingsFile: string }, name: string) => (existsSync(h.settingsFile) ? JSON.parse(readFileSync(h.settingsFile, 'utf8')).setups?.[name] : undefined);

test('from nothing: CreateUserPool starts before the first reads have answered', async () => {
  world.stack.resetCalls();
  const result = await world.cli(setupArgs('early', ['--server', world.server.url]), { home: home(), stdin: PASSWORD });
  expect(result).toMatchObject({ code: 0, stderr: '' });
  const [create] = ops('CreateUserPool');
  const [lookup] = ops('ListUserPools');
  expect(create.start).toBeLessThan(lookup.end);
  expect(await world.userPoolsNamed('early')).toHaveLength(1);
});

test('a pool of this setup that no record knows (settings file lost): the early pool is removed, the old one used, one pool in the end', async () => {
  const first = home();
  const made = await world.cli(setupArgs('lost'), { home: first, stdin: PASSWORD });
  expect(made.code).toBe(0);
  const { userPoolId, identityPoolId } = JSON.parse(made.stdout);

  world.stack.resetCalls();
  const again = await world.cli(setupArgs('lost'), { home: home(), stdin: PASSWORD });
  expect(again.code).toBe(0);
  const doc = JSON.parse(again.stdout);
  expect(doc).toMatchObject({ userPoolId, identityPoolId });
  expect(await world.userPoolsNamed('lost')).toHaveLength(1);
  expect(await world.identityPoolsNamed('lost')).toHaveLength(1);
  // The one made beside the reads went, and went at once (no second attempt of the whole run).
  expect(ops('CreateUserPool')).toHaveLength(1);
  expect(ops('DeleteUserPool')).toHaveLength(1);
  expect(again.stderr).toBe('');
});

test('the reads then refuse the run (a role of this name that mmbatch-auth did not make): exit 2, no user pool left, nothing recorded', async () => {
  await world.iam.send(
    new CreateRoleCommand({
      RoleName: 'refused-cognito-authenticated',
      AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
    }),
  );
  const h = home();
  const before = JSON.stringify(world.server.config.security.cognito);
  const refused = await world.cli(setupArgs('refused', ['--server', world.server.url]), { home: h, stdin: PASSWORD });
  expect(refused.code).toBe(2);
  expect(refused.stderr).toContain('an IAM role named refused-cognito-authenticated exists that mmbatch-auth did not make');
  expect(refused.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
  expect(await world.userPoolsNamed('refused')).toHaveLength(0);
  expect(recordOf(h, 'refused')?.resources ?? {}).toEqual({});
  expect(JSON.stringify(world.server.config.security.cognito)).toBe(before);
});

test('the preflight fails (who will act cannot be told): exit 1, no user pool left', async () => {
  world.stack.injectFault({ service: 'sts', operation: 'GetCallerIdentity', error: 'accessDenied' });
  const h = home();
  const failed = await world.cli(setupArgs('nocaller'), { home: h, stdin: PASSWORD });
  world.stack.clearFaults();
  expect(failed.code).toBe(1);
  expect(failed.stderr).not.toMatch(/\n\s+at /);
  expect(await world.userPoolsNamed('nocaller')).toHaveLength(0);
  expect(recordOf(h, 'nocaller')?.resources ?? {}).toEqual({});
});

test('a password the new pool would refuse: exit 2 before any write', async () => {
  world.stack.resetCalls();
  const refused = await world.cli(setupArgs('weak'), { home: home(), stdin: 'short' });
  expect(refused.code).toBe(2);
  expect(world.stack.writeCalls()).toEqual([]);
});

test('a server that names a pool: nothing is made before the reads (the pool may be this setup\'s)', async () => {
  const first = home();
  const server = await world.startServer();
  const made = await world.cli(setupArgs('named', ['--server', server.url]), { home: first, stdin: PASSWORD });
  expect(made.code).toBe(0);
  const { userPoolId } = JSON.parse(made.stdout);
  world.stack.resetCalls();
  // A second machine: no settings file, the same server.
  const again = await world.cli(setupArgs('named', ['--server', server.url]), { home: home(), stdin: PASSWORD });
  expect(again.code).toBe(0);
  expect(JSON.parse(again.stdout).userPoolId).toBe(userPoolId);
  expect(ops('CreateUserPool')).toEqual([]);
  expect(ops('DeleteUserPool')).toEqual([]);
});

test('the early pool itself denied: exit 1, and the settings file keeps no record of the name', async () => {
  world.stack.injectFault({ service: 'cognito-idp', operation: 'CreateUserPool', error: 'accessDenied', times: 1 });
  const h = home();
  const denied = await world.cli(setupArgs('deniedearly'), { home: h, stdin: PASSWORD });
  expect(denied.code).toBe(1);
  expect(recordOf(h, 'deniedearly')).toBeUndefined();
});

test("the early pool's removal fails (a pool of this setup was already there): the run says which pool is left, and the next one keeps the older pool and removes the twin", async () => {
  const first = home();
  const made = await world.cli(setupArgs('twin'), { home: first, stdin: PASSWORD });
  expect(made.code).toBe(0);
  const { userPoolId } = JSON.parse(made.stdout);

  // Settings lost (later, as in life: CreationDate counts whole seconds, and two pools made within
  // one second are ordered by ID, as two machines racing must be), and the early twin cannot be
  // removed: every DeleteUserPool fails.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const lost = home();
  world.stack.injectFault({ service: 'cognito-idp', operation: 'DeleteUserPool', error: 'internal', times: 20 });
  const again = await world.cli(setupArgs('twin'), { home: lost, stdin: PASSWORD });
  world.stack.clearFaults();
  // exit 1 (an AWS failure), saying which pool is left and that the next run settles it; no stack trace.
  expect(again.code).toBe(1);
  const twins = (await world.userPoolsNamed('twin')).map((p: any) => p.Id);
  expect(twins).toHaveLength(2);
  expect(twins).toContain(userPoolId);
  const twin = twins.find((id: string) => id !== userPoolId);
  expect(again.stderr.trim().split('\n')).toEqual([
    `mmbatch-auth: warning: the user pool ${twin}, made beside the first reads, is a newer twin of this setup's ${userPoolId} and could not be removed: the next setup removes it and keeps ${userPoolId}`,
    'mmbatch-auth: cognito-idp:DeleteUserPool failed: InternalErrorException: Internal server error',
  ]);

  // Whatever that run left, the next one settles it: one pool of this name, the setup complete.
  const settled = await world.cli(setupArgs('twin'), { home: lost, stdin: PASSWORD });
  expect(settled.code).toBe(0);
  // The older pool (with the admin and everything made in it) is the one kept.
  expect((await world.userPoolsNamed('twin')).map((p: any) => p.Id)).toEqual([userPoolId]);
  expect(JSON.parse(settled.stdout).userPoolId).toBe(userPoolId);
  expect(settled.stderr).toContain(`${twin} was removed`);
});

test("another run's pool, made after ours by the service's clock: ours is the older twin and is kept, theirs left to their race check (the order every run uses)", async () => {
  // Two machines set up one name at once. Their pool (made here first, then dated a minute later,
  // as the service would date one made after ours) is all our first reads see: our CreateUserPool
  // is throttled once and retried, so it lands after the reads. Every run orders twins by
  // (CreationDate, ID) and the oldest wins; were ours removed because the reads saw only theirs,
  // while their race check removes theirs (ours being older), both pools would go (seen under load
  // in concurrency.test.ts: one run then failed on a pool the other had deleted).
  const theirs = await world.cli(setupArgs('clock'), { home: home(), stdin: PASSWORD });
  expect(theirs.code).toBe(0);
  const theirPool = JSON.parse(theirs.stdout).userPoolId;
  await world.stack.setUserPoolCreationDate(theirPool, new Date(Date.now() + 60_000));

  world.stack.resetCalls();
  world.stack.injectFault({ service: 'cognito-idp', operation: 'CreateUserPool', error: 'throttle', times: 1 });
  const ours = await world.cli(setupArgs('clock'), { home: home(), stdin: PASSWORD });
  world.stack.clearFaults();
  expect(ours.stderr).toBe('');
  expect(ours.code).toBe(0);
  const [lookup] = ops('ListUserPools');
  const created = ops('CreateUserPool');
  expect(created[created.length - 1].start).toBeGreaterThan(lookup.end);
  const ourPool = JSON.parse(ours.stdout).userPoolId;
  expect(ourPool).not.toBe(theirPool);
  expect(ops('DeleteUserPool')).toHaveLength(0);
  // Theirs is not ours to delete: it stays for its own run to settle.
  expect((await world.userPoolsNamed('clock')).map((p: any) => p.Id).sort()).toEqual([ourPool, theirPool].sort());
});
