// AWS faults injected into the local stack while the real binary runs setup: throttling and 5xx
// retried by the SDK's strategy, IAM's eventual consistency waited out, access denied stopping at
// once, a kill between two steps. Each test asserts the exit code AND what exists afterwards
// (through the services' own Describe/Get calls) AND that the settings file is true to it.
import { readFileSync } from 'node:fs';
// @ts-expect-error: plain JS test support
import { runCli, tempHome } from './support/cli.mjs';
import { startWorld, type World } from './support/world.js';

const PASSWORD = 'Faults-Test-Pass-123!';
const ADMIN = 'oncall@example.com';

type Home = { env: Record<string, string>; settingsFile: string; cleanup: () => void };

let stack: any;
let aws: World;
const homes: Home[] = [];

beforeAll(async () => {
  aws = await startWorld({ server: false });
  stack = aws.stack;
});

afterAll(async () => {
  for (const home of homes) home.cleanup();
  await aws?.stop();
});

afterEach(() => {
  stack.clearFaults();
  stack.setDelay(0);
});

function newHome(): Home {
  const home = tempHome();
  homes.push(home);
  return home;
}

/** The only setup's record, flat: the IDs it names (the tests here make one setup per home). */
const settingsOf = (home: Home): Record<string, any> => {
  const setups = JSON.parse(readFileSync(home.settingsFile, 'utf8')).setups ?? {};
  const record = Object.values(setups)[0] as any;
  const id = (kind: string) => record?.resources?.[kind]?.id;
  return { ...record, userPoolId: id('userPool'), clientId: id('appClient'), identityPoolId: id('identityPool'), roleArn: id('iamRole') };
};
const count = (operation: string) => stack.calls.filter((c: any) => c.operation === operation).length;

function setup(home: Home, name: string, options: { extra?: string[]; env?: Record<string, string> } = {}) {
  return runCli(['setup', '--yes', '--json', '--name', name, '--admin-email', ADMIN, '--admin-password-stdin', ...(options.extra ?? [])], {
    env: { ...stack.env(), ...home.env, ...options.env },
    stdin: PASSWORD,
  });
}

/** Everything setup makes exists exactly once under this name, and the settings file names it. */
async function expectCompleteSetup(home: Home, name: string) {
  const settings = settingsOf(home);
  expect(await aws.recordedButMissing(settings)).toEqual([]);
  expect((await aws.userPoolsNamed(name)).map((p: any) => p.Id)).toEqual([settings.userPoolId]);
  expect((await aws.appClientsIn(settings.userPoolId)).map((c: any) => c.ClientId)).toEqual([settings.clientId]);
  // Identity pool names take no hyphens: setup writes them as underscores.
  expect((await aws.identityPoolsNamed(name.replace(/-/g, '_'))).map((p: any) => p.IdentityPoolId)).toEqual([settings.identityPoolId]);
  expect(await aws.identityPoolRoles(settings.identityPoolId)).toEqual({ authenticated: settings.roleArn });
  expect(await aws.role(settings.roleArn)).toBe(true);
}

describe('retried by the SDK', () => {
  test('a throttled call is waited out and retried: exit 0, nothing created twice; --verbose shows each attempt', async () => {
    const home = newHome();
    stack.resetCalls();
    stack.injectFault({ service: 'cognito-idp', operation: 'CreateUserPool', error: 'throttle', times: 1 });
    stack.injectFault({ service: 'iam', operation: 'CreateRole', error: 'throttle', times: 1 });
    const result = await setup(home, 'throttled', { extra: ['--verbose'] });
    expect(result.code).toBe(0);
    expect(count('CreateUserPool')).toBe(2);
    expect(count('CreateRole')).toBe(2);
    expect(result.stderr).toContain('cognito-idp CreateUserPool attempt failed: TooManyRequestsException');
    expect(result.stderr).toContain('iam CreateRole attempt failed: Throttling');
    expect(result.stderr).toMatch(/← cognito-idp CreateUserPool ok \(\d+ ms, 2 attempts\)/);
    await expectCompleteSetup(home, 'throttled');
  });

  test('a 500 is retried: exit 0, one identity pool', async () => {
    const home = newHome();
    stack.resetCalls();
    stack.injectFault({ service: 'cognito-identity', operation: 'CreateIdentityPool', error: 'internal', times: 2 });
    const result = await setup(home, 'flaky');
    expect(result.code).toBe(0);
    expect(count('CreateIdentityPool')).toBe(3);
    await expectCompleteSetup(home, 'flaky');
  });

  // A create that was carried out and still answered 500 (or whose answer was lost): the SDK sends
  // the same request again, so two resources carry the same creation stamp. Which one the run keeps
  // is up to their random IDs, so each case runs a few times: a single run passes by chance half the time.
  describe.each([
    ['cognito-idp', 'CreateUserPool'],
    ['cognito-idp', 'CreateUserPoolClient'],
    ['cognito-identity', 'CreateIdentityPool'],
  ])('a %s %s carried out, then answered 500 and sent again by the SDK', (service, operation) => {
    test('exit 0 and one of everything, each of 4 runs; a re-run and status find nothing to do', async () => {
      for (let run = 0; run < 4; run++) {
        const home = newHome();
        const name = `twice-${operation.length}-${run}`;
        stack.resetCalls();
        stack.injectFault({ service, operation, error: 'internal', afterApplying: true, times: 1 });
        const result = await setup(home, name);
        expect(result.code).toBe(0);
        expect(count(operation)).toBe(2);
        await expectCompleteSetup(home, name);
        const again = await setup(home, name);
        expect(again.code).toBe(0);
        expect(JSON.parse(again.stdout).changes.every((change: any) => change.action === 'unchanged')).toBe(true);
      }
    });
  });

  test('every attempt carried out and answered 500: exit 1; the next run keeps one and removes the others it made', async () => {
    const home = newHome();
    stack.resetCalls();
    stack.injectFault({ service: 'cognito-identity', operation: 'CreateIdentityPool', error: 'internal', afterApplying: true, times: 3 });
    const failed = await setup(home, 'thrice', { env: { AWS_MAX_ATTEMPTS: '3' } });
    expect(failed.code).toBe(1);
    expect(await aws.identityPoolsNamed('thrice')).toHaveLength(3);
    const resumed = await setup(home, 'thrice');
    expect(resumed.code).toBe(0);
    await expectCompleteSetup(home, 'thrice');
  });

  test('a 500 that persists fails after the attempts (AWS_MAX_ATTEMPTS honoured): exit 1, the settings file true to what exists, and the next run completes', async () => {
    const home = newHome();
    stack.resetCalls();
    stack.injectFault({ service: 'cognito-identity', operation: 'CreateIdentityPool', error: 'internal', times: 100 });
    const failed = await setup(home, 'down', { env: { AWS_MAX_ATTEMPTS: '3' } });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toContain('mmbatch-auth: cognito-identity:CreateIdentityPool failed: InternalErrorException: Internal server error\n');
    expect(count('CreateIdentityPool')).toBe(3);
    const recorded = settingsOf(home);
    expect(recorded).toMatchObject({ userPoolId: expect.any(String), clientId: expect.any(String) });
    expect(recorded.identityPoolId).toBeUndefined();
    expect(await aws.recordedButMissing(recorded)).toEqual([]);
    expect(await aws.identityPoolsNamed('down')).toEqual([]);

    stack.clearFaults();
    const resumed = await setup(home, 'down');
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout).userPoolId).toBe(recorded.userPoolId);
    await expectCompleteSetup(home, 'down');
  });
});

describe("IAM's eventual consistency", () => {
  test('a new role the identity pool cannot use yet is waited for with a bounded retry: exit 0', async () => {
    const home = newHome();
    stack.resetCalls();
    stack.injectFault({
      service: 'cognito-identity',
      operation: 'SetIdentityPoolRoles',
      error: { code: 'InvalidParameterException', status: 400, message: 'The role is not yet usable: cannot assume role with web identity' },
      times: 2,
    });
    const result = await setup(home, 'propagating');
    expect(result.code).toBe(0);
    expect(count('SetIdentityPoolRoles')).toBe(3);
    await expectCompleteSetup(home, 'propagating');
  });

  test('any other InvalidParameterException is not retried: exit 1 at once', async () => {
    const home = newHome();
    stack.resetCalls();
    stack.injectFault({
      service: 'cognito-identity',
      operation: 'SetIdentityPoolRoles',
      error: { code: 'InvalidParameterException', status: 400, message: 'Identity pool configuration is invalid' },
      times: 1,
    });
    const result = await setup(home, 'misconfigured');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('cognito-identity:SetIdentityPoolRoles failed: InvalidParameterException: Identity pool configuration is invalid');
    expect(count('SetIdentityPoolRoles')).toBe(1);
  });
});

describe('access denied stops at once and names the permission', () => {
  test('the first write denied: exit 1, nothing else written, nothing recorded', async () => {
    const home = newHome();
    stack.resetCalls();
    stack.injectFault({ service: 'cognito-idp', operation: 'CreateUserPool', error: 'accessDenied', times: 1 });
    const result = await setup(home, 'denied-pool');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toContain('mmbatch-auth: access denied: this AWS identity may not call cognito-idp:CreateUserPool');
    expect(lines).toContain('grant cognito-idp:CreateUserPool to the identity running mmbatch-auth (README: "IAM permissions")');
    // Denied, not throttled: asked once, never retried.
    expect(count('CreateUserPool')).toBe(1);
    expect(stack.writeCalls().map((c: any) => c.operation)).toEqual(['CreateUserPool']);
    expect(settingsOf(home).userPoolId).toBeUndefined();
    expect(await aws.userPoolsNamed('denied-pool')).toEqual([]);
  });

  test('iam:CreateRole denied: exit 1 naming it; nothing that needs the role is attempted; the settings file is true; the next run resumes', async () => {
    const home = newHome();
    stack.resetCalls();
    stack.injectFault({ service: 'iam', operation: 'CreateRole', error: 'accessDenied', times: 1 });
    const result = await setup(home, 'denied-role');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('mmbatch-auth: access denied: this AWS identity may not call iam:CreateRole\n');
    const denied = stack.calls.findIndex((c: any) => c.operation === 'CreateRole');
    const after = stack.calls.slice(denied + 1).filter((c: any) => c.kind === 'write').map((c: any) => c.operation);
    expect(after).not.toContain('CreateRole');
    expect(after).not.toContain('SetIdentityPoolRoles');
    expect(after.filter((op: string) => op.startsWith('Put') || op.startsWith('Update'))).toEqual([]);
    const recorded = settingsOf(home);
    expect(recorded.identityPoolId).toBeDefined();
    expect(recorded.roleArn).toBeUndefined();
    expect(await aws.recordedButMissing(recorded)).toEqual([]);
    expect(await aws.role('denied-role-cognito-authenticated')).toBe(false);

    const resumed = await setup(home, 'denied-role');
    expect(resumed.code).toBe(0);
    const actions = Object.fromEntries(JSON.parse(resumed.stdout).changes.map((c: any) => [c.resource, c.action]));
    expect(actions).toMatchObject({ userPool: 'unchanged', appClient: 'unchanged', identityPool: 'unchanged', iamRole: 'created', identityPoolRoles: 'created' });
    await expectCompleteSetup(home, 'denied-role');
  });
});

describe('malformed input only AWS can see', () => {
  test("the services' ValidationException is bad input: exit 2, the value named", async () => {
    const home = newHome();
    const tooLong = `us-east-1:${'a'.repeat(60)}`; // our pattern allows it; the service's 55-character limit does not
    const result = await runCli(['identity-pool', 'show', '--identity-pool-id', tooLong], { env: { ...stack.env(), ...home.env } });
    expect(result.code).toBe(2);
    // The pool and its roles are read at once: either answer may come first.
    expect(result.stderr.split('\n')[0]).toMatch(/^mmbatch-auth: AWS refused a value \(cognito-identity:(DescribeIdentityPool|GetIdentityPoolRoles)\): 1 validation error detected: /);
    expect(result.stderr.split('\n')[0]).toContain(`Value '${tooLong}' at 'identityPoolId' failed to satisfy constraint: Member must have length less than or equal to 55`);
  });
});

describe('interrupted (Ctrl-C) between two steps', () => {
  test('exit 130; the settings file names only what exists; the next run completes without duplicates', async () => {
    const home = newHome();
    stack.setDelay(100);
    const interrupted = await runCli(['setup', '--yes', '--json', '--name', 'ctrlc', '--admin-email', ADMIN, '--admin-password-stdin'], {
      env: { ...stack.env(), ...home.env },
      stdin: PASSWORD,
      signal: 'SIGINT',
      signalWhen: () => {
        try {
          return Boolean(settingsOf(home).userPoolId);
        } catch {
          return false;
        }
      },
    });
    stack.setDelay(0);
    expect(interrupted.code).toBe(130);
    expect(interrupted.stdout).toBe('');
    expect(interrupted.stderr).toContain('mmbatch-auth: interrupted');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const recorded = settingsOf(home);
    expect(recorded.identityPoolId).toBeUndefined();
    expect(await aws.recordedButMissing(recorded)).toEqual([]);

    const resumed = await setup(home, 'ctrlc');
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout).userPoolId).toBe(recorded.userPoolId);
    await expectCompleteSetup(home, 'ctrlc');
  });
});

describe('killed between two steps', () => {
  test('SIGKILL while the early CreateUserPool is on the wire: the pool lands with no record of it; the next run takes it by its tags, makes no second one, and completes', async () => {
    const home = newHome();
    const name = 'early-kill';
    stack.resetCalls();
    stack.setDelay(300);
    const inFlight = () => stack.calls.find((c: any) => c.operation === 'CreateUserPool' && c.end === undefined);
    const killed = await runCli(['setup', '--yes', '--json', '--name', name, '--admin-email', ADMIN, '--admin-password-stdin'], {
      env: { ...stack.env(), ...home.env },
      stdin: PASSWORD,
      signal: 'SIGKILL',
      signalWhen: () => Boolean(inFlight()),
    });
    expect(killed.signal).toBe('SIGKILL');
    // The call outlives its caller: Cognito makes the pool all the same.
    for (let waited = 0; inFlight() && waited < 5000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    stack.setDelay(0);
    const orphans = await aws.userPoolsNamed(name);
    expect(orphans).toHaveLength(1);
    let recordedPool: string | undefined;
    try {
      recordedPool = settingsOf(home).userPoolId;
    } catch {
      recordedPool = undefined; // no settings file yet
    }
    expect(recordedPool).toBeUndefined();

    const resumed = await setup(home, name);
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout).userPoolId).toBe(orphans[0].Id);
    await expectCompleteSetup(home, name);
    expect(await aws.userPoolsNamed(name)).toHaveLength(1);
  });

  test('SIGKILL after the app client is recorded, before the identity pool: nothing lost, and the next run completes without duplicates', async () => {
    const home = newHome();
    stack.setDelay(100);
    const killed = await runCli(['setup', '--yes', '--json', '--name', 'sigkill', '--admin-email', ADMIN, '--admin-password-stdin'], {
      env: { ...stack.env(), ...home.env },
      stdin: PASSWORD,
      signal: 'SIGKILL',
      signalWhen: () => {
        try {
          const settings = settingsOf(home);
          return Boolean(settings.clientId && !settings.identityPoolId);
        } catch {
          return false;
        }
      },
    });
    stack.setDelay(0);
    expect(killed.signal).toBe('SIGKILL');
    // A call already on the wire when the process died still lands; wait for it, then look.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const recorded = settingsOf(home);
    expect(recorded.clientId).toBeDefined();
    expect(recorded.identityPoolId).toBeUndefined();
    // Everything the file names exists (written only after each step succeeded).
    expect(await aws.recordedButMissing(recorded)).toEqual([]);

    const resumed = await setup(home, 'sigkill');
    expect(resumed.code).toBe(0);
    const doc = JSON.parse(resumed.stdout);
    expect(doc.userPoolId).toBe(recorded.userPoolId);
    expect(doc.clientId).toBe(recorded.clientId);
    await expectCompleteSetup(home, 'sigkill');
  });
});
