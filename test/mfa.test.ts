// MFA for the people who can change the server, end to end on the local stack: `mfa enroll`
// without a terminal (the otpauth:// URI, then the app's first code), `token` with a code, setup
// switching the pool to MFA required (the enrolled admin answers with a code; the proof and the
// server switch still happen), MFA_SETUP without a terminal (exit 3 naming `mfa enroll`), and
// `mfa status` / `mfa disable`.
import { AdminGetUserCommand, GetUserPoolMfaConfigCommand } from '@aws-sdk/client-cognito-identity-provider';
import { ADMIN, PASSWORD, Homes, jwtClaims, startWorld, type SetUpWorld as World } from './support/world.js';
// @ts-expect-error: plain JS test support
import { runInPty } from './support/pty.mjs';

let world: World;
const homes = new Homes(() => world);

beforeAll(async () => {
  world = await startWorld({ setup: true });
});

afterAll(async () => {
  homes.cleanup();
  await world?.stop();
});

const totp = (secret: string) => world.stack.totp(secret) as string;

describe('an admin enrols without a terminal, in two steps', () => {
  let secret: string;
  const home = () => world.home;

  test('step one: the otpauth:// URI (and the secret) as one JSON document; nothing is on yet', async () => {
    const result = await world.cli(['mfa', 'enroll', '--json'], { home: home(), env: { MMBATCH_AUTH_PASSWORD: PASSWORD } });
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc).toMatchObject({ username: ADMIN, userPoolId: world.userPoolId, totp: 'pending' });
    expect(doc.otpauthUri).toMatch(new RegExp(`^otpauth://totp/MMBatch:${encodeURIComponent(ADMIN)}\\?secret=${doc.secret}&issuer=MMBatch`));
    expect(result.stderr).toContain('--first-code-stdin');
    secret = doc.secret;
    const user = await world.idp.send(new AdminGetUserCommand({ UserPoolId: world.userPoolId, Username: ADMIN }));
    expect(user.UserMFASettingList ?? []).toEqual([]);
  });

  test('a wrong first code changes nothing: exit 3', async () => {
    const wrong = totp(secret) === '000000' ? '111111' : '000000';
    const result = await world.cli(['mfa', 'enroll', '--first-code-stdin'], { home: home(), stdin: wrong });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('does not match the authenticator app');
  });

  test('step two: the first code turns TOTP on and preferred (read back through AdminGetUser)', async () => {
    const result = await world.cli(['mfa', 'enroll', '--first-code-stdin', '--json'], { home: home(), stdin: totp(secret) });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ username: ADMIN, totp: 'enabled', preferred: true });
    const user = await world.idp.send(new AdminGetUserCommand({ UserPoolId: world.userPoolId, Username: ADMIN }));
    expect(user.UserMFASettingList).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(user.PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');
  });

  test('mfa status says so', async () => {
    const result = await world.cli(['mfa', 'status', '--json'], { home: home() });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ username: ADMIN, totp: 'enabled', preferred: true, poolMfa: 'optional', via: 'aws' });
  });

  test('token then asks for a code: without one exit 3; with MMBATCH_AUTH_MFA_CODE a token', async () => {
    const without = await world.cli(['token', '--no-cache', '--password-stdin'], { home: homes.fresh(), stdin: PASSWORD });
    expect(without.code).toBe(3);
    expect(without.stderr).toContain('MMBATCH_AUTH_MFA_CODE');
    world.stack.resetCalls();
    const withCode = await world.cli(['token', '--password-stdin'], { home: homes.fresh(), stdin: PASSWORD, env: { MMBATCH_AUTH_MFA_CODE: totp(secret) }, credentials: false });
    expect(withCode.stderr).toBe('');
    expect(withCode.code).toBe(0);
    expect(jwtClaims(withCode.stdout.trim())).toMatchObject({ client_id: world.clientId, token_use: 'access' });
    expect(world.stack.calls.map((c: any) => c.operation)).toEqual(['InitiateAuth', 'RespondToAuthChallenge', 'RespondToAuthChallenge']);
  });

  test('setup --mfa required: the enrolled admin answers with a code, the proof and the server switch go on', async () => {
    const result = await world.cli(['setup', '--yes', '--json', '--mfa', 'required', '--admin-password-stdin', '--server', world.server.url], {
      stdin: PASSWORD,
      env: { MMBATCH_AUTH_MFA_CODE: totp(secret) },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const pool = await world.idp.send(new GetUserPoolMfaConfigCommand({ UserPoolId: world.userPoolId }));
    expect(pool).toMatchObject({ MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } });
    expect(pool.SmsMfaConfiguration?.SmsConfiguration).toBeUndefined();
  });

  describe('a user without an authenticator, in a pool that requires MFA (MFA_SETUP)', () => {
    const user = 'new-admin@example.com';
    beforeAll(async () => {
      const added = await world.cli(['users', 'add', user, '--admin', '--password-stdin'], { stdin: PASSWORD });
      if (added.code !== 0) throw new Error(added.stderr);
    });

    test.each([['token'], ['login'], ['mfa', 'enroll']])('`%s` without a terminal: exit 3 naming `mmbatch-auth mfa enroll`, nothing set up', async (...command) => {
      world.stack.resetCalls();
      const result = await world.cli([...command, '--username', user, '--password-stdin'], { home: homes.fresh(), stdin: PASSWORD });
      expect(result.code).toBe(3);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('must set up an authenticator app');
      expect(result.stderr).toContain('mmbatch-auth mfa enroll');
      expect(world.stack.calls.filter((c: any) => c.operation === 'AssociateSoftwareToken')).toEqual([]);
    });

    test('mfa status (the operator\'s AdminGetUser, no sign-in) says the user has none', async () => {
      const result = await world.cli(['mfa', 'status', '--json', '--username', user]);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ username: user, totp: 'not set up', poolMfa: 'required' });
    });
  });

  test('mfa disable --dry-run prints the plan and exits 0 without asking (no --yes): nothing is changed', async () => {
    world.stack.resetCalls();
    const plan = await world.cli(['mfa', 'disable', '--dry-run', '--json', '--username', ADMIN]);
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(0);
    expect(JSON.parse(plan.stdout)).toEqual({ username: ADMIN, userPoolId: world.userPoolId, totp: 'enabled', action: 'disable', dryRun: true });
    const human = await world.cli(['mfa', 'disable', '--dry-run', '--username', ADMIN]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^action: +disable$/m);
    expect(world.stack.writeCalls()).toEqual([]);
    const user = await world.idp.send(new AdminGetUserCommand({ UserPoolId: world.userPoolId, Username: ADMIN }));
    expect(user.PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');
  });

  test('mfa disable (an admin, with AWS credentials) turns the TOTP of another user off', async () => {
    const refused = await world.cli(['mfa', 'disable', '--username', ADMIN]);
    expect(refused.code).toBe(2);
    const result = await world.cli(['mfa', 'disable', '--yes', '--json', '--username', ADMIN]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ username: ADMIN, totp: 'disabled', via: 'aws' });
    expect(result.stderr).toContain('the pool requires MFA');
    const user = await world.idp.send(new AdminGetUserCommand({ UserPoolId: world.userPoolId, Username: ADMIN }));
    expect(user.PreferredMfaSetting).toBeUndefined();
  });
});

describe('on a terminal, in a pool that requires MFA', () => {
  const user = 'tty-admin@example.com';
  beforeAll(async () => {
    const added = await world.cli(['users', 'add', user, '--admin', '--password-stdin'], { stdin: PASSWORD });
    if (added.code !== 0) throw new Error(added.stderr);
  });

  test('`token` meets MFA_SETUP: the QR code and the otpauth:// URI, then the first code; then a token, TOTP on and preferred', async () => {
    const home = homes.fresh();
    world.stack.resetCalls();
    const session = runInPty(['token', '--username', user], { env: { ...world.env(home), MMBATCH_AUTH_PASSWORD: PASSWORD }, separateStdout: true, rows: 60, cols: 120 });
    await session.expect('Scan this with an authenticator app');
    await session.expect('▀');
    const [, secret] = await session.expect(/or enter this URI: otpauth:\/\/totp\/MMBatch:[^?]+\?secret=([A-Z2-7]+)&issuer=MMBatch/);
    await session.expect('The 6-digit code the app shows now:');
    session.send(`${totp(secret)}\r`);
    const { code } = await session.exit();
    expect(code).toBe(0);
    expect(jwtClaims(session.output().stdout!.trim())).toMatchObject({ token_use: 'access' });
    // The password is proven once: the lean sign-in hands its MFA_SETUP challenge to the full CLI,
    // which sets the app up within it rather than signing in again.
    expect(world.stack.calls.map((c: any) => c.operation)).toEqual([
      'InitiateAuth',
      'RespondToAuthChallenge',
      'AssociateSoftwareToken',
      'VerifySoftwareToken',
      'RespondToAuthChallenge',
      'SetUserMFAPreference',
    ]);
    const live = await world.idp.send(new AdminGetUserCommand({ UserPoolId: world.userPoolId, Username: user }));
    expect(live.UserMFASettingList).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(live.PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');
  });
});
