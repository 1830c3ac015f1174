// dist/launchCli.cjs: runs the full CLI (dist/cli.cjs) for bin/, from V8's code cache.
//
// Node 20 compiles a script anew on every run: for the CLI, about 60 ms to parse its 700 KiB, and
// as much again compiling, one by one, the functions a command calls. V8 can start instead from
// the compiled code of an earlier run (vm.Script's cachedData, made after a run so it holds the
// functions that run compiled): `status` and `setup` then reach their first AWS call about 100 ms
// sooner (bench/README.md). Node 22 does this for every module (module.enableCompileCache); Node
// 20 has nothing of the kind, so this does it for the one file that matters.
//
// The script runs as require() would run it (the same wrapper, a require from its own path), in
// this context; it has no import() (build.mjs checks), which a vm.Script could not load.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { canWriteCodeCache, codeCachePath, readCodeCache, writeCodeCache, type CodeCache } from './codeCache.js';

/** How build.mjs ends dist/cli.cjs: the first 16 hex digits of the SHA-256 of the rest. */
const CLI_HASH = /\/\/mmbatch-auth:cli-sha256=([0-9a-f]{16})\n$/;

/** What dist/cli.cjs exports (src/cli/main.ts). */
type Cli = { main(argv: string[]): Promise<number>; commandOf(argv: string[]): string };

export async function launchCli(argv: string[], cliFile: string = join(__dirname, 'cli.cjs')): Promise<number> {
  // ASCII (build.mjs checks): Latin-1 reads it exactly, in a third of UTF-8's time.
  const source = readFileSync(cliFile, 'latin1');
  const hash = CLI_HASH.exec(source.slice(-64))?.[1];
  const cachePath = hash ? codeCachePath(process.env, hash) : undefined;
  const cache: CodeCache | undefined = cachePath ? readCodeCache(cachePath) : undefined;
  const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n});`, {
    filename: cliFile,
    cachedData: cache?.data,
  });
  const module = { exports: {} as Cli };
  script.runInThisContext()(module.exports, createRequire(cliFile), module, cliFile, dirname(cliFile));
  const code = await module.exports.main(argv);
  // After the run, so the cache holds what it compiled; only when it adds something (a first run,
  // a rejected cache, a command it did not hold): making one takes ~25 ms.
  const key = module.exports.commandOf(argv);
  if (cache && (cache.data === undefined || script.cachedDataRejected || !cache.commands.has(key)) && canWriteCodeCache(cache.path)) {
    const commands = script.cachedDataRejected || !cache.data ? new Set([key]) : new Set([...cache.commands, key]);
    writeCodeCache(cache.path, commands, script.createCachedData());
  }
  return code;
}
