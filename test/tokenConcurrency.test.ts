// Many scripts, one sign-in: `token` runs started at once on a cold cache (same pool, client and
// user) share one sign-in through the lock in src/auth/store/signInLock.ts, and a lock left by a
// crashed run holds nobody up. The real binary, 20 processes at once, against the local stack.
import { readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { PASSWORD, cacheDirOf, expireCachedToken, jwtClaims, operations, startWorld, type SetUpWorld as World, Homes } from './support/world.js';

let world: World;
const homes = new Homes(() => world);

beforeAll(async () => {
  world = await startWorld({ setup: true });
  world.stack.setDelay?.(50); // a real round trip's length, so the runs really overlap the sign-in
});

afterAll(async () => {
  homes.cleanup();
  await world?.stop();
});

const SIGN_INS = new Set(['InitiateAuth', 'AdminInitiateAuth']);
const signIns = () => operations(world).filter((operation) => SIGN_INS.has(operation));

function expectValidTokens(results: { code: number; stdout: string; stderr: string }[]) {
  for (const result of results) {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(jwtClaims(result.stdout.trim())).toMatchObject({ token_use: 'access', client_id: world.clientId });
  }
}

function lockFiles(home: ReturnType<Homes['fresh']>) {
  return readdirSync(cacheDirOf(home)).filter((name) => name.includes('.lock'));
}

test('20 cold `token` runs at once sign in at most twice, and every one prints a valid token', async () => {
  const home = homes.fresh();
  world.stack.resetCalls();
  const run = () => world.cli(['token'], { home, env: { MMBATCH_AUTH_PASSWORD: PASSWORD } });
  const results = await Promise.all(Array.from({ length: 20 }, run));
  expectValidTokens(results);
  expect(signIns().length).toBeGreaterThanOrEqual(1);
  expect(signIns().length).toBeLessThanOrEqual(2);
  expect(lockFiles(home)).toEqual([]);

  // An expired access token: 20 at once refresh it once (or twice), not 20 times.
  expireCachedToken(home);
  world.stack.resetCalls();
  const renewed = await Promise.all(Array.from({ length: 20 }, run));
  expectValidTokens(renewed);
  expect(signIns().length).toBeLessThanOrEqual(2);
  expect(lockFiles(home)).toEqual([]);
}, 120_000);

/** A home whose token for the admin has expired (a sign-in is due), and the path of that sign-in's lock. */
async function expiredTokenAndItsLock(): Promise<{ home: ReturnType<typeof homes.fresh>; lock: string }> {
  const home = homes.fresh();
  const cache = cacheDirOf(home);
  const warm = await world.cli(['token'], { home, env: { MMBATCH_AUTH_PASSWORD: PASSWORD } });
  expect(warm.code).toBe(0);
  const lockName = readdirSync(cache).find((name) => name.startsWith('token-'))!.replace(/^token-(\w+)\.json$/, 'signin-$1.lock');
  expireCachedToken(home);
  return { home, lock: join(cache, lockName) };
}

test('a lock left by a crashed run (dead PID) is taken over at once', async () => {
  const { home, lock } = await expiredTokenAndItsLock();
  writeFileSync(lock, JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), at: Date.now() }), { mode: 0o600 });
  const started = Date.now();
  const result = await world.cli(['token'], { home, env: { MMBATCH_AUTH_PASSWORD: PASSWORD } });
  expectValidTokens([result]);
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(lockFiles(home)).toEqual([]);
});

test('a lock older than the stale limit is taken over even when its PID is alive (another host, a hung run)', async () => {
  const { home, lock } = await expiredTokenAndItsLock();
  writeFileSync(lock, JSON.stringify({ pid: process.pid, host: 'another-host', at: Date.now() - 60_000 }), { mode: 0o600 });
  const old = (Date.now() - 60_000) / 1000;
  utimesSync(lock, old, old);
  const result = await world.cli(['token'], { home, env: { MMBATCH_AUTH_PASSWORD: PASSWORD } });
  expectValidTokens([result]);
  expect(lockFiles(home)).toEqual([]);
});
