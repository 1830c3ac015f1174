// A setup from nothing killed (SIGKILL: no handler runs, no lock is released, nothing is tidied)
// while each of its AWS calls in turn is on the wire: the first, the second, ... the last. The call
// outlives its caller and lands all the same, so AWS may hold something no settings file names.
// For every one of them the invariants must hold:
// - the server is either untouched or pointed at a complete setup (it is switched only after the
//   proof, so a kill before that leaves it as it was);
// - what the settings file names exists;
// - the next run, the same command, finishes the job: exit 0, one user pool, one app client, one
//   identity pool and one role under the name, the server pointed at them, and `status` clean.
// One test walks every step and reports each step that broke, rather than stopping at the first;
// a second does the same to a teardown.
import { readFileSync } from 'node:fs';
// @ts-expect-error: plain JS test support
import { runCli } from './support/cli.mjs';
import { Homes, startWorld, type Home, type World } from './support/world.js';

const PASSWORD = 'Sweep-Test-Pass-123!';
const ADMIN = 'sweep@example.com';
const DELAY_MS = 80;

let world: World;
let stack: any;
const homes = new Homes(() => world);

beforeAll(async () => {
  world = await startWorld({ server: false });
  stack = world.stack;
});

afterAll(async () => {
  homes.cleanup();
  await world?.stop();
});

const recordOf = (home: Home): Record<string, any> => {
  let setups: Record<string, any> = {};
  try {
    setups = JSON.parse(readFileSync(home.settingsFile, 'utf8')).setups ?? {};
  } catch {
    // no settings file yet
  }
  const record = (Object.values(setups)[0] ?? {}) as any;
  const id = (kind: string) => record?.resources?.[kind]?.id;
  return { userPoolId: id('userPool'), clientId: id('appClient'), identityPoolId: id('identityPool'), roleArn: id('iamRole') };
};

const setupArgs = (name: string, serverUrl: string) => ['setup', '--yes', '--json', '--name', name, '--admin-email', ADMIN, '--admin-password-stdin', '--server', serverUrl];

/** What is wrong with the setup under this name: [] when it is complete, exactly once, and the server uses it. */
async function problemsWith(home: Home, name: string, server: any): Promise<string[]> {
  const problems: string[] = [];
  const record = recordOf(home);
  const missing = await world.recordedButMissing(record);
  if (missing.length) problems.push(`recorded but missing: ${missing.join(', ')}`);
  const pools = (await world.userPoolsNamed(name)).map((p: any) => p.Id);
  if (pools.length !== 1 || pools[0] !== record.userPoolId) problems.push(`user pools named ${name}: ${pools.join(', ') || 'none'} (recorded ${record.userPoolId})`);
  if (record.userPoolId) {
    const clients = (await world.appClientsIn(record.userPoolId)).map((c: any) => c.ClientId);
    if (clients.length !== 1 || clients[0] !== record.clientId) problems.push(`app clients: ${clients.join(', ') || 'none'} (recorded ${record.clientId})`);
  }
  const identityPools = (await world.identityPoolsNamed(name.replace(/-/g, '_'))).map((p: any) => p.IdentityPoolId);
  if (identityPools.length !== 1 || identityPools[0] !== record.identityPoolId) problems.push(`identity pools: ${identityPools.join(', ') || 'none'} (recorded ${record.identityPoolId})`);
  if (record.identityPoolId) {
    const roles = await world.identityPoolRoles(record.identityPoolId);
    if (roles.authenticated !== record.roleArn) problems.push(`identity pool role: ${roles.authenticated} (recorded ${record.roleArn})`);
  }
  const cognito = server.config.security.cognito;
  if (!cognito.enabled || cognito.userPoolID !== record.userPoolId || cognito.clientID !== record.clientId || cognito.identityPoolID !== record.identityPoolId) {
    problems.push(`the server: ${JSON.stringify({ enabled: cognito.enabled, userPoolID: cognito.userPoolID, clientID: cognito.clientID })}`);
  }
  return problems;
}

async function settled(): Promise<void> {
  for (let waited = 0; stack.calls.some((c: any) => c.end === undefined) && waited < 5000; waited += 10) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('killed while each AWS call of a setup from nothing is on the wire: the next run always finishes it, with no duplicate', async () => {
  // The calls of one whole run, to know how many steps there are to kill at.
  const probeServer = await world.startServer();
  const probeHome = homes.empty();
  stack.resetCalls();
  const whole = await runCli(setupArgs('sweep-probe', probeServer.url), { env: { ...stack.env(), ...probeHome.env }, stdin: PASSWORD });
  expect(whole.code).toBe(0);
  const operations: string[] = stack.calls.map((c: any) => c.operation);
  expect(operations.length).toBeGreaterThan(15);

  const broken: string[] = [];
  const killedAt = new Set<string>();
  for (let step = 1; step <= operations.length; step++) {
    const name = `sweep-${step}`;
    const home = homes.empty();
    const server = await world.startServer();
    const untouched = JSON.stringify(server.config.security.cognito);
    const env = { ...stack.env(), ...home.env };
    stack.resetCalls();
    stack.setDelay(DELAY_MS);
    const killed = await runCli(setupArgs(name, server.url), {
      env,
      stdin: PASSWORD,
      signal: 'SIGKILL',
      signalWhen: () => stack.calls.length >= step,
    });
    const inFlight = stack.calls[step - 1]?.operation ?? '(none)';
    await settled();
    stack.setDelay(0);
    const label = `step ${step} (${inFlight})`;
    if (killed.signal !== 'SIGKILL') {
      broken.push(`${label}: the run was not killed (exit ${killed.code}): ${killed.stderr.trim()}`);
      continue;
    }
    killedAt.add(inFlight);

    // Right after the kill: the server as it was, or pointed at a complete setup.
    if (JSON.stringify(server.config.security.cognito) !== untouched) {
      for (const problem of await problemsWith(home, name, server)) broken.push(`${label}, after the kill: ${problem}`);
    }
    const recorded = recordOf(home);
    const missing = await world.recordedButMissing(recorded);
    if (missing.length) broken.push(`${label}, after the kill: recorded but missing: ${missing.join(', ')}`);

    const resumed = await runCli(setupArgs(name, server.url), { env, stdin: PASSWORD });
    if (resumed.code !== 0) {
      broken.push(`${label}: the next run failed (exit ${resumed.code}): ${resumed.stderr.trim()}`);
      continue;
    }
    for (const problem of await problemsWith(home, name, server)) broken.push(`${label}, after the next run: ${problem}`);
    const status = await runCli(['status', '--name', name], { env });
    if (status.code !== 0) broken.push(`${label}: status after the next run: exit ${status.code}: ${status.stderr.trim()}`);
  }
  expect(broken).toEqual([]);
  // Every kind of call was killed at least once (the order within a round may vary from run to run).
  expect([...new Set(operations)].filter((op) => !killedAt.has(op))).toEqual([]);
}, 600_000);

test('killed while each AWS call of a teardown is on the wire: the server never uses what is gone, and the next teardown finishes', async () => {
  const teardownArgs = ['teardown', '--yes'];
  const setUp = async (name: string) => {
    const home = homes.empty();
    const server = await world.startServer();
    const env = { ...stack.env(), ...home.env, MMBATCH_AUTH_PASSWORD: PASSWORD };
    const made = await runCli(setupArgs(name, server.url), { env, stdin: PASSWORD });
    if (made.code !== 0) throw new Error(`setup ${name}: ${made.stderr}`);
    return { home, server, env, ids: JSON.parse(made.stdout) };
  };
  /**
   * A deletion on the wire when the process died lands all the same, after the record could forget
   * it: the record may still name what those calls deleted (the next teardown takes it as gone), and
   * nothing else.
   */
  const DELETES: Record<string, string[]> = { DeleteIdentityPool: ['identityPoolId'], DeleteRole: ['roleArn'], DeleteRolePolicy: ['roleArn'], DeleteUserPool: ['userPoolId', 'clientId'] };
  /** What is wrong after a teardown stopped anywhere: the server using something deleted, or the record naming it. */
  const halfDone = async (home: Home, server: any, ids: Record<string, string>, onTheWire: string[]): Promise<string[]> => {
    const problems: string[] = [];
    const cognito = server.config.security.cognito;
    if (cognito.enabled) {
      const gone = [
        !(await world.userPool(ids.userPoolId)) && 'user pool',
        !(await world.appClient(ids.userPoolId, ids.clientId)) && 'app client',
        !(await world.identityPool(ids.identityPoolId)) && 'identity pool',
        !(await world.role(ids.roleArn)) && 'role',
      ].filter(Boolean);
      if (gone.length) problems.push(`the server is on, using a setup whose ${gone.join(', ')} is gone`);
    }
    const inFlight = new Set(onTheWire.flatMap((operation) => DELETES[operation] ?? []));
    const missing = (await world.recordedButMissing(recordOf(home))).filter((key) => !inFlight.has(key));
    if (missing.length) problems.push(`recorded but missing: ${missing.join(', ')} (on the wire: ${onTheWire.join(', ')})`);
    return problems;
  };

  const probe = await setUp('sweep-down-probe');
  stack.resetCalls();
  const whole = await runCli(teardownArgs, { env: probe.env });
  expect(whole.code).toBe(0);
  const operations: string[] = stack.calls.map((c: any) => c.operation);
  expect(operations).toContain('DeleteUserPool');

  const broken: string[] = [];
  for (let step = 1; step <= operations.length; step++) {
    const { home, server, env, ids } = await setUp(`sweep-down-${step}`);
    stack.resetCalls();
    stack.setDelay(DELAY_MS);
    // The server as far away as AWS: a deletion that did not wait for Cognito to be off there would land first.
    server.setDelay(DELAY_MS);
    let killedAt = Infinity;
    const killed = await runCli(teardownArgs, {
      env,
      signal: 'SIGKILL',
      signalWhen: () => {
        if (stack.calls.length < step) return false;
        killedAt = performance.timeOrigin + performance.now();
        return true;
      },
    });
    const inFlight = stack.calls[step - 1]?.operation ?? '(none)';
    await settled();
    await new Promise((resolve) => setTimeout(resolve, DELAY_MS * 2)); // and a server call on its way
    // Answered after the kill (or arriving just after it, sent before): the killed run never heard them.
    const onTheWire: string[] = stack.calls.filter((c: any) => c.end > killedAt).map((c: any) => c.operation);
    stack.setDelay(0);
    server.setDelay(0);
    const label = `step ${step} (${inFlight})`;
    if (killed.signal !== 'SIGKILL') {
      broken.push(`${label}: the run was not killed (exit ${killed.code}): ${killed.stderr.trim()}`);
      continue;
    }
    for (const problem of await halfDone(home, server, ids, onTheWire)) broken.push(`${label}, after the kill: ${problem}`);
    const again = await runCli(teardownArgs, { env });
    if (again.code !== 0) {
      broken.push(`${label}: the next teardown failed (exit ${again.code}): ${again.stderr.trim()}`);
      continue;
    }
    if (server.config.security.cognito.enabled) broken.push(`${label}: the server is still on after the next teardown`);
    const left = [
      (await world.userPool(ids.userPoolId)) && 'user pool',
      (await world.identityPool(ids.identityPoolId)) && 'identity pool',
      (await world.role(ids.roleArn)) && 'role',
    ].filter(Boolean);
    if (left.length) broken.push(`${label}: left after the next teardown: ${left.join(', ')}`);
  }
  expect(broken).toEqual([]);
}, 600_000);
