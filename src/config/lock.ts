// Locks beside the settings file. One per setup name, held for a whole run of a command that
// changes that setup, so two runs on one machine never create the same resources twice: the second
// says who holds it and stops at once. And one short lock around each write of the settings file,
// which holds several setups' records that two runs (of different names) may update at once.
//
// A lock file appears whole or not at all (written aside, then hard-linked into place, which fails
// if one exists). A lock whose process is gone (kill -9, a crash) is stale: recognised by its dead
// PID on this host and replaced. On another host (a shared home folder) a PID says nothing, so
// such a lock is reported and left for the user to remove.
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { SetupBusyError } from '../errors.js';

export interface LockHolder {
  pid: number;
  host: string;
  /** What holds it, for the message the next run prints (e.g. "setup"). */
  command: string;
  startedAt: string;
}

export interface HeldLock {
  release(): void;
}

function readHolder(path: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, someone else's
  }
}

const sameHolder = (a: LockHolder | undefined, b: LockHolder | undefined) =>
  Boolean(a && b && a.pid === b.pid && a.host === b.host && a.startedAt === b.startedAt);

/** True when the holder is certainly gone: this host, dead PID (or an unreadable file, which we never write). */
function isStale(holder: LockHolder | undefined): boolean {
  if (!holder) return true;
  return holder.host === hostname() && !processAlive(holder.pid);
}

/** Moves a stale lock aside, and puts it back if, in between, it turned out to be someone's live lock. */
function removeStale(path: string, seen: LockHolder | undefined): void {
  const aside = `${path}.stale-${process.pid}-${Date.now()}`;
  try {
    renameSync(path, aside);
  } catch {
    return; // gone already: someone else removed it
  }
  const moved = readHolder(aside);
  if (moved && !sameHolder(moved, seen) && !isStale(moved)) {
    try {
      linkSync(aside, path);
    } catch {
      // a third run took the place meanwhile; nothing better to do than leave theirs
    }
  }
  try {
    unlinkSync(aside);
  } catch {
    // already gone
  }
}

function tryCreate(path: string, holder: LockHolder): boolean {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.new`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(holder)}\n`);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(temp);
  }
}

function holderOf(command: string): LockHolder {
  return { pid: process.pid, host: hostname(), command, startedAt: new Date().toISOString() };
}

function held(path: string, holder: LockHolder): HeldLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.removeListener('exit', release);
    if (sameHolder(readHolder(path), holder)) {
      try {
        unlinkSync(path);
      } catch {
        // gone already
      }
    }
  };
  // Ctrl-C ends the process through process.exit (bin/), which runs 'exit' listeners.
  process.once('exit', release);
  return { release };
}

/** Takes the lock or throws SetupBusyError at once, naming who holds it. */
export function acquireLock(path: string, command: string, what: string): HeldLock {
  const holder = holderOf(command);
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(path, holder)) return held(path, holder);
    const current = readHolder(path);
    if (!isStale(current)) {
      const where = current!.host === hostname() ? `process ${current!.pid}` : `process ${current!.pid} on ${current!.host}`;
      throw new SetupBusyError(`${what} is busy: \`mmbatch-auth ${current!.command}\` (${where}, since ${current!.startedAt}) is changing it`, {
        hint:
          current!.host === hostname()
            ? 'wait for it to finish, then run again'
            : `wait for it to finish; if that run is gone, delete ${path}`,
      });
    }
    removeStale(path, current);
  }
  throw new SetupBusyError(`${what} is busy: its lock ${path} keeps changing hands`);
}

/** Waits (briefly) for a lock that is only ever held for a moment, such as the settings file's write lock. */
export function acquireLockWaiting(path: string, command: string, what: string, timeoutMs = 5_000): HeldLock {
  const deadline = Date.now() + timeoutMs;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      return acquireLock(path, command, what);
    } catch (error) {
      if (!(error instanceof SetupBusyError) || Date.now() > deadline) throw error;
      Atomics.wait(pause, 0, 0, 10); // a synchronous 10 ms pause: settings writes are synchronous
    }
  }
}
