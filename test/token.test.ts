// `token` end to end: the real binary against the local stack (real SRP check, real RS256 tokens),
// each sign-in flow, the cache (fast path, renewal, concurrency, file modes), discovery from the
// stand-in server, and stdout carrying the token and nothing else.
import {
  AdminGetUserCommand,
  AssociateSoftwareTokenCommand,
  CreateUserPoolClientCommand,
  RevokeTokenCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createHmac } from 'node:crypto';
import { chmodSync, lstatSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import {
  ADMIN,
  LAUNCHERS,
  PASSWORD,
  cacheDirOf,
  expireCachedToken,
  jwtClaims,
  modeOf,
  operations,
  readTokenFile,
  runTraced,
  startWorld,
  tempHome,
  tokenFiles,
  type Home,
  type SetUpWorld as World,
  Homes,
} from './support/world.js';

let world: World;
const homes = new Homes(() => world);
const freshHome = (): Home => homes.fresh();

beforeAll(async () => {
  world = await startWorld({ setup: true });
});

afterAll(async () => {
  homes.cleanup();
  await world?.stop();
});

const JWT = /^[\w-]+\.[\w-]+\.[\w-]+$/;

function expectOnlyToken(stdout: string): string {
  expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
  return stdout.slice(0, -1);
}

describe('sign-in flows', () => {
  test('srp (the default) needs no AWS credentials at all', async () => {
    const home = freshHome();
    world.stack.resetCalls();
    const result = await world.cli(['token', '--password-stdin'], { home, stdin: `${PASSWORD}\n`, credentials: false });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const token = expectOnlyToken(result.stdout);
    expect(jwtClaims(token)).toMatchObject({ token_use: 'access', client_id: world.clientId, 'cognito:groups': ['admin'] });
    expect(operations(world)).toEqual(['InitiateAuth', 'RespondToAuthChallenge']);
  });

  test('the same environment really has no credentials: the admin flow fails there (exit 1)', async () => {
    const result = await world.cli(['token', '--flow', 'admin', '--no-cache', '--password-stdin'], {
      home: freshHome(),
      stdin: PASSWORD,
      credentials: false,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^mmbatch-auth: no AWS credentials found\n/);
  });

  test('admin uses ADMIN_USER_PASSWORD_AUTH with the operator\'s credentials', async () => {
    world.stack.resetCalls();
    const result = await world.cli(['token', '--flow', 'admin', '--no-cache', '--password-stdin'], { home: freshHome(), stdin: PASSWORD });
    expect(result.code).toBe(0);
    expect(jwtClaims(expectOnlyToken(result.stdout)).client_id).toBe(world.clientId);
    expect(operations(world)).toEqual(['AdminInitiateAuth']);
  });

  describe('with a client that allows USER_PASSWORD_AUTH but not SRP', () => {
    let passwordClient: string;
    beforeAll(async () => {
      const created = await world.idp.send(
        new CreateUserPoolClientCommand({
          UserPoolId: world.userPoolId,
          ClientName: 'password-only',
          ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        }),
      );
      passwordClient = created.UserPoolClient!.ClientId!;
    });

    test('password uses USER_PASSWORD_AUTH, without credentials', async () => {
      world.stack.resetCalls();
      const result = await world.cli(['token', '--flow', 'password', '--client-id', passwordClient, '--password-stdin'], {
        home: freshHome(),
        stdin: PASSWORD,
        credentials: false,
      });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(jwtClaims(expectOnlyToken(result.stdout)).client_id).toBe(passwordClient);
      expect(operations(world)).toEqual(['InitiateAuth']);
    });

    test('auto never sends the password itself (USER_PASSWORD_AUTH): SRP, then the admin flow, then it stops and names --flow password', async () => {
      world.stack.resetCalls();
      const result = await world.cli(['token', '--client-id', passwordClient, '--password-stdin'], { home: freshHome(), stdin: PASSWORD });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('does not allow the USER_SRP_AUTH, ADMIN_USER_PASSWORD_AUTH flows');
      expect(result.stderr).toContain('--flow password');
      // `auth-flows set` replaces the flows: the hint names the client's own, SRP added, and the client (given by flag).
      expect(result.stderr).toContain(
        `allow SRP with \`mmbatch-auth auth-flows set USER_PASSWORD_AUTH,REFRESH_TOKEN_AUTH,USER_SRP_AUTH --region ${world.stack.region} --user-pool-id ${world.userPoolId} --client-id ${passwordClient}\``,
      );
      // The flows the stack saw: never the plaintext one.
      expect(world.stack.calls.filter((c: any) => c.authFlow).map((c: any) => `${c.operation} ${c.authFlow}`)).toEqual(['InitiateAuth USER_SRP_AUTH', 'AdminInitiateAuth ADMIN_USER_PASSWORD_AUTH']);
    });

    test('without AWS credentials auto tries SRP alone, and still never the plaintext flow', async () => {
      world.stack.resetCalls();
      const result = await world.cli(['token', '--client-id', passwordClient, '--password-stdin'], { home: freshHome(), stdin: PASSWORD, credentials: false });
      expect(result.code).toBe(1);
      expect(world.stack.calls.filter((c: any) => c.authFlow === 'USER_PASSWORD_AUTH')).toEqual([]);
    });

    test('srp on that client says which flow is missing', async () => {
      const result = await world.cli(['token', '--flow', 'srp', '--client-id', passwordClient, '--password-stdin'], { home: freshHome(), stdin: PASSWORD });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('does not allow the USER_SRP_AUTH flow');
    });
  });

  describe('with a client that allows only the admin flow', () => {
    let adminClient: string;
    beforeAll(async () => {
      const created = await world.idp.send(
        new CreateUserPoolClientCommand({
          UserPoolId: world.userPoolId,
          ClientName: 'admin-only',
          ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        }),
      );
      adminClient = created.UserPoolClient!.ClientId!;
    });

    test('auto ends at the admin flow when AWS credentials are at hand', async () => {
      world.stack.resetCalls();
      const result = await world.cli(['token', '--client-id', adminClient, '--password-stdin'], { home: freshHome(), stdin: PASSWORD });
      expect(result.code).toBe(0);
      expect(jwtClaims(expectOnlyToken(result.stdout)).client_id).toBe(adminClient);
      expect(world.stack.calls.map((c: any) => c.authFlow)).toEqual(['USER_SRP_AUTH', 'ADMIN_USER_PASSWORD_AUTH']);
    });

    test('without credentials it says why they were needed', async () => {
      const result = await world.cli(['token', '--client-id', adminClient, '--password-stdin'], { home: freshHome(), stdin: PASSWORD, credentials: false });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('does not allow USER_SRP_AUTH, and ADMIN_USER_PASSWORD_AUTH needs AWS credentials');
    });
  });

  test('--json prints one document with the contract\'s fields', async () => {
    const result = await world.cli(['token', '--json', '--no-cache', '--password-stdin'], { home: freshHome(), stdin: PASSWORD });
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(Object.keys(doc).sort()).toEqual(['accessToken', 'expiresAt', 'idToken', 'tokenType', 'username']);
    expect(doc).toMatchObject({ tokenType: 'Bearer', username: ADMIN });
    expect(doc.accessToken).toMatch(JWT);
    expect(jwtClaims(doc.idToken).token_use).toBe('id');
    expect(doc.expiresAt).toBe(new Date(jwtClaims(doc.accessToken).exp * 1000).toISOString());
  });

  test('--id-token prints the ID token', async () => {
    const result = await world.cli(['token', '--id-token', '--no-cache'], { home: freshHome(), env: { MMBATCH_AUTH_PASSWORD: PASSWORD } });
    expect(result.code).toBe(0);
    expect(jwtClaims(expectOnlyToken(result.stdout))).toMatchObject({ token_use: 'id', email: ADMIN });
  });
});

describe('authentication failures', () => {
  test('a wrong password exits 3 with empty stdout and one line on stderr', async () => {
    const result = await world.cli(['token', '--password-stdin'], { home: freshHome(), stdin: 'Not-The-Password-1!' });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('mmbatch-auth: authentication failed: incorrect username or password\n');
  });

  test('an unknown user looks the same (user existence is hidden)', async () => {
    const result = await world.cli(['token', '--username', 'nobody@example.com', '--password-stdin'], { home: freshHome(), stdin: PASSWORD });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('incorrect username or password');
  });

  test('no saved sign-in and no password: exit 3, telling the user to log in', async () => {
    const result = await world.cli(['token'], { home: freshHome() });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`not signed in as ${ADMIN}`);
    expect(result.stderr).toContain('mmbatch-auth login');
  });

  test('a password flag is refused before anything runs (exit 2)', async () => {
    world.stack.resetCalls();
    const result = await world.cli(['token', `--password=${PASSWORD}`], { home: freshHome() });
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain(PASSWORD);
    expect(operations(world)).toEqual([]);
  });
});

describe('a fresh sign-in takes the lean path (dist/freshSignIn.cjs)', () => {
  /** Our bundle files the run loaded (not the tracer's, not Node's). */
  const ourFiles = (loaded: string[]) => loaded.filter((file) => !file.includes('mmbatch-auth-trace-') && !file.startsWith('node:'));

  test.each([
    ['MMBATCH_AUTH_PASSWORD', [] as string[], { MMBATCH_AUTH_PASSWORD: PASSWORD }, ''],
    ['--password-stdin', ['--password-stdin'], {}, PASSWORD],
  ])('with the password in %s: the two SRP calls, a valid token kept 0600, and neither the full CLI nor a package loaded', async (_, flags, env, stdin) => {
    const home = freshHome();
    world.stack.resetCalls();
    const result = await runTraced(LAUNCHERS.cjs, ['token', ...flags], { ...world.env(home), ...env }, stdin);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const token = expectOnlyToken(result.stdout);
    expect(jwtClaims(token)).toMatchObject({ token_use: 'access', client_id: world.clientId });
    expect(operations(world)).toEqual(['InitiateAuth', 'RespondToAuthChallenge']);
    const ours = ourFiles(result.loaded);
    expect(ours.some((file) => file.endsWith('/dist/freshSignIn.cjs'))).toBe(true);
    expect(ours.some((file) => file.endsWith('/dist/freshToken.cjs'))).toBe(false); // no refresh token to try first
    expect(ours.filter((file) => file.endsWith('/dist/launchCli.cjs'))).toEqual([]);
    expect(ours.filter((file) => file.includes('node_modules'))).toEqual([]);
    expect(readTokenFile(home).accessToken).toBe(token);
    expect(modeOf(tokenFiles(home)[0])).toBe(0o600);
    expect(modeOf(cacheDirOf(home))).toBe(0o700);
    // The next run is answered from the cache, which the lean path kept as the full CLI does.
    world.stack.resetCalls();
    const again = await world.cli(['token'], { home });
    expect(again.stdout).toBe(`${token}\n`);
    expect(operations(world)).toEqual([]);
  });

  test('a wrong password: exit 3 with the full CLI\'s one line, and the password tried once', async () => {
    world.stack.resetCalls();
    const result = await runTraced(LAUNCHERS.cjs, ['token'], { ...world.env(freshHome()), MMBATCH_AUTH_PASSWORD: 'Not-The-Password-1!' });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(result.stderr).toMatch(/^mmbatch-auth: /);
    expect(operations(world)).toEqual(['InitiateAuth', 'RespondToAuthChallenge']);
    expect(ourFiles(result.loaded).filter((file) => file.endsWith('/dist/launchCli.cjs'))).toEqual([]);
  });

  test('--flow password and --flow admin are the full CLI\'s: the lean path signs in by SRP only', async () => {
    const result = await runTraced(LAUNCHERS.cjs, ['token', '--flow', 'admin'], { ...world.env(freshHome()), MMBATCH_AUTH_PASSWORD: PASSWORD });
    expect(result.code).toBe(0);
    expect(ourFiles(result.loaded).some((file) => file.endsWith('/dist/launchCli.cjs'))).toBe(true);
  });
});

describe('the first sign-in with a temporary password', () => {
  const NEW_PASSWORD = 'Chosen-New-Pass-456!';
  const user = 'first-login@example.com';
  let temporary: string;

  beforeAll(async () => {
    const added = await world.cli(['users', 'add', user]);
    if (added.code !== 0) throw new Error(added.stderr);
    temporary = await world.stack.userPassword(world.userPoolId, user);
  });

  test('without a way to answer NEW_PASSWORD_REQUIRED: exit 3 naming --new-password-stdin', async () => {
    const result = await world.cli(['token', '--username', user, '--password-stdin'], { home: freshHome(), stdin: temporary });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('must choose a new password');
    expect(result.stderr).toContain('--new-password-stdin');
  });

  test('both on stdin, one line each: the temporary password, then the new one', async () => {
    const result = await world.cli(['token', '--username', user, '--password-stdin', '--new-password-stdin'], {
      home: freshHome(),
      stdin: `${temporary}\n${NEW_PASSWORD}\n`,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(jwtClaims(expectOnlyToken(result.stdout)).token_use).toBe('access');
    const after = await world.idp.send(new AdminGetUserCommand({ UserPoolId: world.userPoolId, Username: user }));
    expect(after.UserStatus).toBe('CONFIRMED');
    // The new password is now the password.
    const again = await world.cli(['token', '--username', user, '--no-cache', '--password-stdin'], { home: freshHome(), stdin: NEW_PASSWORD });
    expect(again.code).toBe(0);
  });
});

describe('the cache', () => {
  let home: Home;
  let first: string;

  beforeAll(async () => {
    home = freshHome();
    const result = await world.cli(['token', '--password-stdin'], { home, stdin: PASSWORD });
    if (result.code !== 0) throw new Error(result.stderr);
    first = result.stdout.trim();
  });

  test('files are 0600 in a 0700 folder and hold the refresh token, never the password', () => {
    const files = tokenFiles(home);
    expect(files).toHaveLength(1);
    expect(modeOf(cacheDirOf(home))).toBe(0o700);
    expect(modeOf(files[0])).toBe(0o600);
    const record = readTokenFile(home);
    expect(record).toMatchObject({ userPoolId: world.userPoolId, clientId: world.clientId, username: ADMIN, accessToken: first });
    expect(record.refreshToken).toEqual(expect.any(String));
    expect(readFileSync(files[0], 'utf8')).not.toContain(PASSWORD);
  });

  test.each(['cjs'] as const)('a fresh token is printed by the fast path (%s launcher): no AWS call, the full CLI never loaded', async (kind) => {
    world.stack.resetCalls();
    const result = await runTraced(LAUNCHERS[kind], ['token'], world.env(home));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${first}\n`);
    expect(operations(world)).toEqual([]);
    const ours = result.loaded.filter((file) => !file.includes('mmbatch-auth-trace-') && !file.startsWith('node:'));
    expect(ours.some((file) => file.endsWith(`/dist/fastToken.${kind}`))).toBe(true);
    expect(ours.some((file) => file.includes('/dist/launchCli.cjs'))).toBe(false);
    expect(ours.filter((file) => file.includes('node_modules'))).toEqual([]);
  });

  test('the launcher runs the full CLI when the fast path declines', async () => {
    const cjs = await runTraced(LAUNCHERS.cjs, ['token', '--verbose'], world.env(home));
    expect(cjs.code).toBe(0);
    expect(cjs.stdout).toBe(`${first}\n`);
    expect(cjs.loaded.some((file) => file.includes('/dist/launchCli.cjs'))).toBe(true);
    const bad = await runTraced(LAUNCHERS.cjs, ['token', '--bogus'], world.env(home));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown option '--bogus'");
  });

  test('the full CLI reuses it too (here with --verbose, which the fast path leaves to it)', async () => {
    world.stack.resetCalls();
    const result = await world.cli(['token', '--verbose'], { home });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${first}\n`);
    expect(operations(world)).toEqual([]);
    expect(result.stderr).toContain('cached token');
    expect(result.stderr).not.toContain(first);
  });

  test('an expired token is renewed with the refresh token: one call, no password needed', async () => {
    const { refreshToken } = readTokenFile(home);
    expireCachedToken(home);
    world.stack.resetCalls();
    const result = await world.cli(['token'], { home });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const renewed = expectOnlyToken(result.stdout);
    expect(renewed).not.toBe(first);
    expect(operations(world)).toEqual(['InitiateAuth']);
    const record = readTokenFile(home);
    expect(record.accessToken).toBe(renewed);
    expect(record.refreshToken).toBe(refreshToken); // kept: a refresh does not hand out a new one
    expect(record.expiresAt).toBeGreaterThan(Date.now());
  });

  test('--no-cache neither reads nor writes the cache', async () => {
    const before = readFileSync(tokenFiles(home)[0], 'utf8');
    world.stack.resetCalls();
    const result = await world.cli(['token', '--no-cache', '--password-stdin'], { home, stdin: PASSWORD });
    expect(result.code).toBe(0);
    expect(operations(world)).toEqual(['InitiateAuth', 'RespondToAuthChallenge']);
    expect(readFileSync(tokenFiles(home)[0], 'utf8')).toBe(before);
    const elsewhere = freshHome();
    expect((await world.cli(['token', '--no-cache', '--password-stdin'], { home: elsewhere, stdin: PASSWORD })).code).toBe(0);
    expect(tokenFiles(elsewhere)).toEqual([]);
  });

  test('a revoked refresh token falls back to the password when there is one, else exit 3 with `login`', async () => {
    const revoked = freshHome();
    expect((await world.cli(['token', '--password-stdin'], { home: revoked, stdin: PASSWORD })).code).toBe(0);
    const { refreshToken } = readTokenFile(revoked);
    await world.idp.send(new RevokeTokenCommand({ ClientId: world.clientId, Token: refreshToken }));
    expireCachedToken(revoked);

    const without = await world.cli(['token'], { home: revoked });
    expect(without.code).toBe(3);
    expect(without.stdout).toBe('');
    expect(without.stderr).toContain('expired or was revoked');
    expect(without.stderr).toContain('mmbatch-auth login');

    world.stack.resetCalls();
    const withPassword = await world.cli(['token'], { home: revoked, env: { MMBATCH_AUTH_PASSWORD: PASSWORD } });
    expect(withPassword.code).toBe(0);
    expectOnlyToken(withPassword.stdout);
    expect(operations(world)).toEqual(['InitiateAuth', 'InitiateAuth', 'RespondToAuthChallenge']);
    expect(readTokenFile(revoked).refreshToken).not.toBe(refreshToken);
  });

  test('a tampered cache file is a miss, not a token: the full CLI renews it with the refresh token', async () => {
    const tampered = freshHome();
    expect((await world.cli(['token', '--password-stdin'], { home: tampered, stdin: PASSWORD })).code).toBe(0);
    const record = readTokenFile(tampered);
    const [header, payload, signature] = record.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['admin', 'root'] })).toString('base64url')}.${signature}`;
    writeFileSync(tokenFiles(tampered)[0], JSON.stringify({ ...record, accessToken: forged }), { mode: 0o600 });
    world.stack.resetCalls();
    const result = await world.cli(['token'], { home: tampered, credentials: false });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain(forged);
    expect(jwtClaims(expectOnlyToken(result.stdout))['cognito:groups']).toEqual(['admin']);
    expect(world.stack.calls.map((c: any) => c.authFlow)).toEqual(['REFRESH_TOKEN_AUTH']);
  });

  test('a symlink planted in the cache folder is never printed as a token, nor written through', async () => {
    const planted = freshHome();
    expect((await world.cli(['token', '--password-stdin'], { home: planted, stdin: PASSWORD })).code).toBe(0);
    const file = tokenFiles(planted)[0];
    const elsewhere = `${planted.dir}/elsewhere.json`;
    writeFileSync(elsewhere, readFileSync(file, 'utf8'), { mode: 0o600 });
    rmSync(file);
    symlinkSync(elsewhere, file);
    const before = readFileSync(elsewhere, 'utf8');
    const result = await world.cli(['token', '--password-stdin'], { home: planted, stdin: PASSWORD });
    expect(result.code).toBe(0);
    expect(readFileSync(elsewhere, 'utf8')).toBe(before);
    expect(lstatSync(file).isSymbolicLink()).toBe(false);
    expect(modeOf(file)).toBe(0o600);
  });

  test("a cache folder others may write is refused (exit 2, saying why); one that is only readable is tightened to 0700", async () => {
    const loose = freshHome();
    expect((await world.cli(['token', '--password-stdin'], { home: loose, stdin: PASSWORD })).code).toBe(0);
    chmodSync(cacheDirOf(loose), 0o777);
    const refused = await world.cli(['token'], { home: loose });
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(`the cache folder ${cacheDirOf(loose)} may be written by others`);
    chmodSync(cacheDirOf(loose), 0o755);
    expect((await world.cli(['token', '--verbose'], { home: loose })).code).toBe(0);
    expect(modeOf(cacheDirOf(loose))).toBe(0o700);
  });

  test('several `token` runs at once leave one intact file and all print a valid token', async () => {
    const busy = freshHome();
    const run = () => world.cli(['token'], { home: busy, env: { MMBATCH_AUTH_PASSWORD: PASSWORD } });
    const signIns = await Promise.all([run(), run(), run(), run(), run()]);
    expectAllTokens(signIns);
    expireCachedToken(busy);
    const refreshes = await Promise.all([run(), run(), run(), run(), run()]);
    expectAllTokens(refreshes);
    expect(readdirSync(cacheDirOf(busy)).filter((name) => name.startsWith('token-'))).toHaveLength(1);
    expect(readdirSync(cacheDirOf(busy)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    const record = readTokenFile(busy);
    expect(record.accessToken).toMatch(JWT);
    expect(record.expiresAt).toBeGreaterThan(Date.now());

    function expectAllTokens(results: { code: number; stdout: string }[]) {
      for (const result of results) {
        expect(result.code).toBe(0);
        expectOnlyToken(result.stdout);
      }
    }
  });
});

describe('discovery from the server', () => {
  test('with only MMBATCH_SERVER, a username and a password; then the fast path from what it learnt', async () => {
    const bare = tempHome();
    homes.track(bare);
    const env = { MMBATCH_SERVER: world.server.url, MMBATCH_AUTH_USERNAME: ADMIN };
    const callsBefore = world.server.calls.length;
    world.stack.resetCalls();
    const result = await world.cli(['token', '--password-stdin'], { home: bare, env, stdin: PASSWORD, credentials: false });
    // The stand-in server is plain http://: its answer is trusted on first use, with one warning.
    expect(result.stderr).toBe(`mmbatch-auth: warning: ${world.server.url} was asked over plain http://: trusting user pool ${world.userPoolId} for it from now on (a later answer naming another pool is refused)\n`);
    expect(result.code).toBe(0);
    expect(jwtClaims(expectOnlyToken(result.stdout))).toMatchObject({ client_id: world.clientId, iss: world.stack.issuer(world.userPoolId) });
    expect(world.server.calls.slice(callsBefore).map((c: any) => `${c.method} ${c.path}`)).toEqual(['GET /api/v1/security/cognito']);

    const serverCalls = world.server.calls.length;
    world.stack.resetCalls();
    const cached = await world.cli(['token'], { home: bare, env, credentials: false });
    expect(cached.code).toBe(0);
    expect(cached.stdout).toBe(result.stdout);
    expect(world.server.calls.length).toBe(serverCalls);
    expect(operations(world)).toEqual([]);
  });

  test('over plain http://, a later answer naming another pool is refused (exit 3, both pools named) and no password is sent', async () => {
    const bare = homes.track(tempHome());
    const env = { MMBATCH_SERVER: world.server.url, MMBATCH_AUTH_USERNAME: ADMIN };
    expect((await world.cli(['token', '--password-stdin'], { home: bare, env, stdin: PASSWORD, credentials: false })).code).toBe(0);
    const again = await world.cli(['token', '--no-cache', '--password-stdin'], { home: bare, env, stdin: PASSWORD, credentials: false });
    expect(again.code).toBe(0);
    expect(again.stderr).toBe(''); // warned once, not again
    const cognito = world.server.config.security.cognito;
    const before = { ...cognito };
    cognito.userPoolID = 'us-east-1_Elsewhere1';
    cognito.clientID = 'elsewhereclient123';
    try {
      world.stack.resetCalls();
      const refused = await world.cli(['token', '--no-cache', '--password-stdin'], { home: bare, env, stdin: PASSWORD, credentials: false });
      expect(refused.code).toBe(3);
      expect(refused.stdout).toBe('');
      expect(refused.stderr.split('\n')[0]).toBe(
        `mmbatch-auth: the server at ${world.server.url} now names user pool us-east-1_Elsewhere1 (client elsewhereclient123), not ${world.userPoolId} (client ${world.clientId}) that was trusted for it over plain http://: refusing to sign in there`,
      );
      expect(world.stack.calls).toEqual([]);
    } finally {
      Object.assign(cognito, before);
    }
  });

  test('a server that cannot be reached: exit 1 (the network failed), naming it', async () => {
    const bare = tempHome();
    homes.track(bare);
    const result = await world.cli(['token'], { home: bare, env: { MMBATCH_SERVER: 'http://127.0.0.1:9', MMBATCH_AUTH_USERNAME: ADMIN } });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('cannot reach the server at http://127.0.0.1:9');
  });

  test('nothing to go on: exit 2 saying what to pass', async () => {
    const bare = tempHome();
    homes.track(bare);
    const result = await world.cli(['token'], { home: bare });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no user pool to sign in to');
    expect(result.stderr).toContain('--server');
  });
});

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s) from a base32 secret, as an authenticator app computes it. */
function totp(secret: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of secret.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const digest = createHmac('sha1', key).update(counter).digest();
  const offset = digest[digest.length - 1] & 0xf;
  return String((digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

describe('one-time codes (SOFTWARE_TOKEN_MFA)', () => {
  const user = 'mfa-user@example.com';
  let secret: string;

  beforeAll(async () => {
    const added = await world.cli(['users', 'add', user, '--password-stdin'], { stdin: PASSWORD });
    if (added.code !== 0) throw new Error(added.stderr);
    const signedIn = await world.cli(['token', '--username', user, '--no-cache', '--password-stdin'], { stdin: PASSWORD });
    const accessToken = signedIn.stdout.trim();
    secret = (await world.idp.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }))).SecretCode!;
    await world.idp.send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: totp(secret) }));
    await world.idp.send(new SetUserMFAPreferenceCommand({ AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
    await world.idp.send(
      new SetUserPoolMfaConfigCommand({ UserPoolId: world.userPoolId, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } }),
    );
  });

  test('without a code (and no terminal): exit 3 naming where it can come from', async () => {
    const result = await world.cli(['token', '--username', user, '--password-stdin'], { home: freshHome(), stdin: PASSWORD });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('one-time code from the authenticator app');
    expect(result.stderr).toContain('--mfa-code-stdin');
    expect(result.stderr).toContain('MMBATCH_AUTH_MFA_CODE');
  });

  test('a code in argv is refused before anything is sent: exit 2, the code never echoed', async () => {
    const code = totp(secret);
    world.stack.resetCalls();
    const result = await world.cli(['token', '--username', user, `--mfa-code=${code}`, '--password-stdin'], { home: freshHome(), stdin: PASSWORD });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^mmbatch-auth: --mfa-code is not accepted: secrets never go on the command line\n/);
    expect(result.stderr).not.toContain(code);
    expect(operations(world)).toEqual([]);
  });

  test('a wrong code: exit 3', async () => {
    const wrong = totp(secret) === '000000' ? '111111' : '000000';
    const result = await world.cli(['token', '--username', user, '--mfa-code-stdin', '--password-stdin'], { home: freshHome(), stdin: `${PASSWORD}\n${wrong}\n` });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('one-time code is wrong');
  });

  test('with the current code on stdin, after the password: a token', async () => {
    world.stack.resetCalls();
    const result = await world.cli(['token', '--username', user, '--password-stdin', '--mfa-code-stdin'], { home: freshHome(), stdin: `${PASSWORD}\n${totp(secret)}\n` });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(jwtClaims(expectOnlyToken(result.stdout)).username).toEqual(expect.any(String));
    expect(operations(world)).toEqual(['InitiateAuth', 'RespondToAuthChallenge', 'RespondToAuthChallenge']);
  });

  test('with the current code in MMBATCH_AUTH_MFA_CODE: a token', async () => {
    const result = await world.cli(['token', '--username', user, '--password-stdin'], { home: freshHome(), stdin: PASSWORD, env: { MMBATCH_AUTH_MFA_CODE: totp(secret) } });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expectOnlyToken(result.stdout);
  });
});
