// Two setups of one name at once never leave two of anything: on one machine the second run finds
// the setup's lock and stops at once, saying who holds it; on two machines (two CI jobs, two
// settings files) each run checks after creating, the older resource wins, and the other run
// removes what it made and carries on with the older one.
import { ListUserPoolClientsCommand, ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { ListIdentityPoolsCommand } from '@aws-sdk/client-cognito-identity';
import { readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { startWorld, type World } from './support/world.js';
// @ts-expect-error: plain JS test support
import { runCli, tempHome } from './support/cli.mjs';

const PASSWORD = 'Concurrent-Pass-123!';
const ADMIN = 'race@example.com';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world?.stop());

const poolsNamed = async (name: string) => ((await world.idp.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools ?? []).filter((p) => p.Name === name);
const identityPoolsNamed = async (name: string) =>
  ((await world.identity.send(new ListIdentityPoolsCommand({ MaxResults: 60 }))).IdentityPools ?? []).filter((p) => p.IdentityPoolName === name);

function setup(home: { env: Record<string, string> }, name: string) {
  return runCli(['setup', '--yes', '--json', '--name', name, '--admin-email', ADMIN, '--admin-password-stdin', '--server', world.server.url], {
    env: { ...world.stack.env(), ...home.env },
    stdin: PASSWORD,
  });
}

describe('on one machine, one settings file', () => {
  const home = tempHome();
  afterAll(() => {
    world.stack.setDelay(0);
    home.cleanup();
  });

  test('the second run stops at once, naming the run that holds the setup; one of each resource', async () => {
    world.stack.setDelay(60);
    const first = setup(home, 'local race');
    await new Promise((resolve) => setTimeout(resolve, 250)); // the first has its lock by now
    const started = Date.now();
    const second = await setup(home, 'local race');
    const secondTook = Date.now() - started;
    world.stack.setDelay(0);
    const winner = await first;
    expect(winner.code).toBe(0);
    expect(second.code).toBe(1);
    expect(second.stdout).toBe('');
    expect(second.stderr).toMatch(/^mmbatch-auth: the setup 'local race' is busy: `mmbatch-auth setup` \(process \d+, since .*\) is changing it\n/);
    expect(secondTook).toBeLessThan(1500);
    expect(await poolsNamed('local race')).toHaveLength(1);
    expect(await identityPoolsNamed('local race')).toHaveLength(1);
  });

  test('a lock left by a killed run (its process is gone) is taken over', async () => {
    const lock = `${home.settingsFile}.local race.lock`;
    writeFileSync(lock, JSON.stringify({ pid: 999999, host: hostname(), command: 'setup', startedAt: new Date().toISOString() }));
    const again = await setup(home, 'local race');
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).changes.every((c: any) => c.action === 'unchanged')).toBe(true);
  });

  test('two different names in one settings file run at once and both records survive', async () => {
    const [a, b] = await Promise.all([setup(home, 'local a'), setup(home, 'local b')]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const settings = JSON.parse(readFileSync(home.settingsFile, 'utf8'));
    expect(Object.keys(settings.setups).sort()).toEqual(['local a', 'local b', 'local race']);
    expect(settings.setups['local a'].resources.identityPool.id).toBe(JSON.parse(a.stdout).identityPoolId);
    expect(settings.setups['local b'].resources.identityPool.id).toBe(JSON.parse(b.stdout).identityPoolId);
  });
});

describe('on two machines (two settings files, as two CI jobs)', () => {
  const one = tempHome();
  const two = tempHome();
  afterAll(() => {
    world.stack.setDelay(0);
    one.cleanup();
    two.cleanup();
  });

  test('both finish, with one user pool, one client, one identity pool and one role between them', async () => {
    world.stack.setDelay(40);
    const [a, b] = await Promise.all([setup(one, 'ci race'), setup(two, 'ci race')]);
    world.stack.setDelay(0);
    expect(a.stdout === '' ? a.stderr : '').toBe('');
    expect(b.stdout === '' ? b.stderr : '').toBe('');
    expect([a.code, b.code]).toEqual([0, 0]);
    const [docA, docB] = [JSON.parse(a.stdout), JSON.parse(b.stdout)];
    const pools = await poolsNamed('ci race');
    expect(pools).toHaveLength(1);
    expect(docA.userPoolId).toBe(pools[0].Id);
    expect(docB.userPoolId).toBe(pools[0].Id);
    const { UserPoolClients } = await world.idp.send(new ListUserPoolClientsCommand({ UserPoolId: pools[0].Id, MaxResults: 60 }));
    expect(UserPoolClients).toHaveLength(1);
    expect(await identityPoolsNamed('ci race')).toHaveLength(1);
    expect(docA.identityPoolId).toBe(docB.identityPoolId);
    expect(docA.roleArn).toBe(docB.roleArn);
    // The loser said what happened, on stderr, in one line.
    expect(`${a.stderr}${b.stderr}`).toMatch(/another run of this setup made the/);
    expect(world.server.config.security.cognito.userPoolID).toBe(pools[0].Id);
  });

  test('a later run without any settings file finds that setup by its tags, and changes nothing', async () => {
    const fresh = tempHome();
    try {
      const again = await setup(fresh, 'ci race');
      expect(again.stderr).toBe('');
      expect(again.code).toBe(0);
      expect(JSON.parse(again.stdout).changes.every((c: any) => c.action === 'unchanged')).toBe(true);
    } finally {
      fresh.cleanup();
    }
  });
});
