// One sign-in for many processes: 20 scripts that call `token` at once on a cold cache would each
// sign in (20 × 2 calls against Cognito's quotas, and 20 refresh tokens). The first to find the cache
// cold takes a short lock for that cache key (an exclusive create in the private cache folder,
// 0600) and signs in; the others poll the cache and print what it wrote.
//
// Never a deadlock: a lock is stale when its holder is gone (this host, dead PID) or older than
// STALE_AFTER_MS whatever the holder (a sign-in waiting on an MFA code, another host on a shared
// home folder), and a waiter then takes it over. A holder that fails (wrong password) releases it,
// and the next waiter tries on its own.
import { closeSync, constants, fstatSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { cacheDir } from '../../config/paths.js';
import { checkCacheFolder } from './cacheFolder.js';
import { fileNameDigest } from './fileNameDigest.js';
import type { CacheKey } from './tokenCache.js';

/** A sign-in takes two calls (a second or so on a slow link); beyond this its lock is taken over. */
export const STALE_AFTER_MS = 30_000;
const POLL_MS = 20;

interface Holder {
  pid: number;
  host: string;
  at: number;
}

export function signInLockFile(env: NodeJS.ProcessEnv, key: CacheKey): string {
  const digest = fileNameDigest([key.region, key.userPoolId, key.clientId, key.username.toLowerCase()].join('\n'));
  return join(cacheDir(env), `signin-${digest}.lock`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The holder, or undefined while it is being written (then only its age can make it stale). */
function readHolder(path: string): { holder?: Holder; mtimeMs: number } | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch {
    return undefined; // gone (or a symlink someone planted: not a lock of ours, treated as gone)
  }
  try {
    const { mtimeMs } = fstatSync(fd);
    try {
      const holder = JSON.parse(readFileSync(fd, 'utf8')) as Holder;
      return { holder: typeof holder.pid === 'number' ? holder : undefined, mtimeMs };
    } catch {
      return { mtimeMs };
    }
  } finally {
    closeSync(fd);
  }
}

function isStale(seen: { holder?: Holder; mtimeMs: number }, now: number): boolean {
  if (now - seen.mtimeMs > STALE_AFTER_MS) return true;
  return Boolean(seen.holder && seen.holder.host === hostname() && !alive(seen.holder.pid));
}

function tryCreate(path: string, me: Holder): boolean {
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, JSON.stringify(me));
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Moves a stale lock aside (atomic: of two waiters only one wins) and deletes it. */
function removeStale(path: string): void {
  const aside = `${path}.${process.pid}.stale`;
  try {
    renameSync(path, aside);
    unlinkSync(aside);
  } catch {
    // someone else removed or replaced it first
  }
}

export interface SignInLock {
  release(): void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Takes the sign-in lock for `key`, or returns what `ready()` finds once another process's sign-in
 * made the cache warm. Locking problems (a read-only cache folder) never stop a sign-in: it then
 * goes ahead without the lock.
 */
export async function lockSignIn<T>(env: NodeJS.ProcessEnv, key: CacheKey, ready: () => T | undefined): Promise<{ lock: SignInLock } | { ready: T }> {
  const path = signInLockFile(env, key);
  const me: Holder = { pid: process.pid, host: hostname(), at: Date.now() };
  const none: SignInLock = { release() {} };
  try {
    const dir = cacheDir(env);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    checkCacheFolder(dir);
  } catch {
    return { lock: none };
  }
  for (;;) {
    try {
      if (tryCreate(path, me)) break;
    } catch {
      return { lock: none };
    }
    const seen = readHolder(path);
    if (seen && isStale(seen, Date.now())) {
      removeStale(path);
      continue;
    }
    await sleep(POLL_MS);
    const found = ready();
    if (found !== undefined) return { ready: found };
  }
  const release = () => {
    process.removeListener('exit', release);
    const current = readHolder(path)?.holder;
    if (current && current.pid === me.pid && current.host === me.host && current.at === me.at) {
      try {
        unlinkSync(path);
      } catch {
        // gone already
      }
    }
  };
  process.once('exit', release);
  return { lock: { release } };
}
