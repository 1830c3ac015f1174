// `login` and `logout` end to end: sign in once, keep the refresh token, scripts then need no
// password; logout revokes the refresh token at Cognito and deletes the cache file, idempotently.
import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  ADMIN,
  PASSWORD,
  expireCachedToken,
  modeOf,
  operations,
  readTokenFile,
  startWorld,
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

describe('login', () => {
  let home: Home;

  beforeAll(() => {
    home = freshHome();
  });

  test('signs in once, prints nothing on stdout, and keeps the refresh token privately', async () => {
    const result = await world.cli(['login', '--password-stdin'], { home, stdin: PASSWORD, credentials: false });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`Signed in as ${ADMIN}`);
    const [file] = tokenFiles(home);
    expect(modeOf(file)).toBe(0o600);
    expect(readTokenFile(home).refreshToken).toEqual(expect.any(String));
  });

  test('afterwards `token` needs no password, even once the access token has expired', async () => {
    expireCachedToken(home);
    world.stack.resetCalls();
    const result = await world.cli(['token'], { home, credentials: false });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(operations(world)).toEqual(['InitiateAuth']);
  });

  test('a second login signs in again (it is how a user switches password or renews a revoked session)', async () => {
    const before = readTokenFile(home).refreshToken;
    world.stack.resetCalls();
    const result = await world.cli(['login', '--json'], { home, env: { MMBATCH_AUTH_PASSWORD: PASSWORD } });
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc).toMatchObject({ username: ADMIN, userPoolId: world.userPoolId, clientId: world.clientId, refreshTokenSaved: true });
    expect(new Date(doc.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(JSON.stringify(doc)).not.toMatch(/eyJ/);
    expect(operations(world)).toEqual(['InitiateAuth', 'RespondToAuthChallenge']);
    expect(readTokenFile(home).refreshToken).not.toBe(before);
  });

  test('without a password and without a terminal: exit 2 naming --password-stdin', async () => {
    const result = await world.cli(['login'], { home: freshHome() });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('--password-stdin');
  });

  test('a wrong password: exit 3, and nothing is cached', async () => {
    const other = freshHome();
    const result = await world.cli(['login', '--password-stdin'], { home: other, stdin: 'Wrong-Password-1!' });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(tokenFiles(other)).toEqual([]);
  });
});

describe('logout', () => {
  test('revokes the refresh token at Cognito (without AWS credentials) and deletes the cache file', async () => {
    const home = freshHome();
    expect((await world.cli(['login', '--password-stdin'], { home, stdin: PASSWORD })).code).toBe(0);
    const { refreshToken } = readTokenFile(home);

    world.stack.resetCalls();
    const result = await world.cli(['logout', '--json'], { home, credentials: false });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ username: ADMIN, revoked: true, deleted: true });
    expect(operations(world)).toEqual(['RevokeToken']);
    expect(tokenFiles(home)).toEqual([]);

    // A copy of the refresh token is now useless too.
    await expect(
      world.idp.send(new InitiateAuthCommand({ ClientId: world.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: refreshToken } })),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    // And `token` has nothing to go on.
    const token = await world.cli(['token'], { home });
    expect(token.code).toBe(3);
    expect(token.stdout).toBe('');
  });

  test('is idempotent: logging out again, or never having logged in, succeeds with no AWS call', async () => {
    const home = freshHome();
    world.stack.resetCalls();
    const first = await world.cli(['logout'], { home });
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('');
    expect(first.stderr).toContain('was not logged in');
    const again = await world.cli(['logout', '--json'], { home });
    expect(JSON.parse(again.stdout)).toEqual({ username: ADMIN, revoked: false, deleted: false });
    expect(operations(world)).toEqual([]);
  });

  test('an already revoked refresh token still logs out (the goal is met)', async () => {
    const home = freshHome();
    expect((await world.cli(['login', '--password-stdin'], { home, stdin: PASSWORD })).code).toBe(0);
    const other = freshHome();
    // The same session cached twice: logging out of one revokes the token the other holds.
    const copy = readTokenFile(home);
    const target = tokenFiles(home)[0].replace(home.env.XDG_CACHE_HOME, other.env.XDG_CACHE_HOME);
    mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
    writeFileSync(target, JSON.stringify(copy), { mode: 0o600 });
    expect((await world.cli(['logout'], { home })).code).toBe(0);
    const result = await world.cli(['logout', '--json'], { home: other });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ username: ADMIN, revoked: false, deleted: true });
    expect(tokenFiles(other)).toEqual([]);
  });
});
