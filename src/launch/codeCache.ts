// src/launch/: how bin/ runs the full CLI (dist/cli.cjs): from V8's code cache (launchCli.ts),
// kept in a file of ours (this file).
//
// The cache file is compiled code that V8 runs as it finds it: whoever can write it runs code as
// the user. So it lives in the user's private cache folder (0700, beside the token cache), is
// written 0600 and atomically, and a file another user could have written (owner, mode, folder:
// config/privateFile.ts) is never read, only replaced. Its name carries the CLI's content hash,
// Node's version, the CPU and V8's flags, so it is only ever used with the code it was made from
// (V8 itself checks only the source's length, its own version and its flags); `NODE_DISABLE_COMPILE_CACHE`
// (Node's own switch for its compile cache) turns it off.
import { accessSync, constants, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { cacheDir } from '../config/paths.js';
import { untrustedFile, writePrivateFileAtomic } from '../config/privateFile.js';

/** What a cache file says of itself: the commands whose runs made it (their code is compiled in it). */
interface Header {
  commands: string[];
}

export interface CodeCache {
  path: string;
  /** V8's cached data, when there is a trusted file of this build. */
  data?: Buffer;
  /** The commands (cli/main.ts: commandOf) whose code the cached data holds. */
  commands: Set<string>;
}

/** Enough for every command and subcommand; a header never grows past it. */
const MAX_COMMANDS = 64;
const NAME = /^cli-[\w.-]+\.v8$/;
/** A write's temp file (config/privateFile.ts); one left by a run killed mid-write is this old. */
const TEMP = /^cli-[\w.-]+\.v8\.[\w.]+\.tmp$/;
const ABANDONED_MS = 60_000;
/** Caches of other Node versions or flags kept beside ours (nvm users switch back and forth). */
const KEPT_OTHERS = 2;

/** 32-bit FNV-1a: a short, stable name for a set of V8 flags (node:crypto is not loaded yet). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/**
 * `cli-<CLI hash>-<Node version>-<CPU>[-<flags>].v8`: V8 refuses data made under other flags
 * (NODE_OPTIONS, node's own arguments), so each set of them has its file, rather than two runs
 * replacing each other's.
 */
export function codeCachePath(env: NodeJS.ProcessEnv, cliHash: string): string | undefined {
  if (env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  const flags = [...process.execArgv, env.NODE_OPTIONS ?? ''].join(' ').trim();
  try {
    return join(cacheDir(env), `cli-${cliHash}-${process.version}-${process.arch}${flags ? `-${fnv1a(flags)}` : ''}.v8`);
  } catch {
    return undefined; // no home folder to be found: no cache, as with the switch
  }
}

/** Whether a write can succeed, asked before the ~25 ms of making the data (a read-only home). */
export function canWriteCodeCache(path: string): boolean {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    accessSync(dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** The cache file: a 4-byte header length, the header (JSON), then V8's data. */
export function readCodeCache(path: string): CodeCache {
  const none: CodeCache = { path, commands: new Set() };
  try {
    if (untrustedFile(path)) return none; // replaced by the next write, never read
    const bytes = readFileSync(path);
    const length = bytes.readUInt32LE(0);
    const header = JSON.parse(bytes.subarray(4, 4 + length).toString('utf8')) as Header;
    const data = bytes.subarray(4 + length);
    if (!Array.isArray(header.commands) || data.length === 0) return none;
    return { path, data, commands: new Set(header.commands.filter((command) => typeof command === 'string')) };
  } catch {
    return none; // absent, unreadable or cut short: the run compiles, and writes a new one
  }
}

/**
 * Writes the cache (best effort: a full disk or a read-only home only costs the next run its
 * compile) and tidies the folder: the files of older builds under this Node and these flags go
 * (nothing will read them again), of the files for other Node versions or flags the newest
 * KEPT_OTHERS stay, and the temp files of writes killed before their rename go (another run's
 * write in progress is younger than a minute, and is left).
 */
export function writeCodeCache(path: string, commands: Set<string>, data: Buffer): void {
  if (commands.size > MAX_COMMANDS) return;
  try {
    const header = Buffer.from(JSON.stringify({ commands: [...commands].sort() } satisfies Header), 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32LE(header.length, 0);
    writePrivateFileAtomic(path, Buffer.concat([length, header, data]), { followSymlink: false });
    const dir = dirname(path);
    const ours = basename(path);
    const sameRuntime = ours.replace(/^cli-[0-9a-f]+/, '');
    const others: { file: string; mtimeMs: number }[] = [];
    for (const name of readdirSync(dir)) {
      const file = join(dir, name);
      if (NAME.test(name) && name !== ours) {
        if (name.replace(/^cli-[0-9a-f]+/, '') === sameRuntime) unlinkSync(file);
        else others.push({ file, mtimeMs: statSync(file).mtimeMs });
      } else if (TEMP.test(name) && statSync(file).mtimeMs < Date.now() - ABANDONED_MS) unlinkSync(file);
    }
    for (const { file } of others.sort((a, b) => b.mtimeMs - a.mtimeMs).slice(KEPT_OTHERS)) unlinkSync(file);
  } catch {
    // the next run compiles the CLI as Node would without a cache
  }
}
