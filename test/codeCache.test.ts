// The full CLI runs from V8's code cache (src/launch/): the cache file is compiled code that V8
// runs as it finds it, so whoever can write it runs code as the user. Through the real binary:
// the file is private and written once per command, a run from it prints exactly what a run
// without it does, and a file another may have written, or one V8 refuses, is never used: it is
// replaced. `iam-policy setup` needs no AWS: every run here is the full CLI and nothing else.
import { chmodSync, chownSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error: plain JS test support
import { runCli, tempHome } from './support/cli.mjs';

type Home = { dir: string; env: Record<string, string>; cleanup: () => void };
const homes: Home[] = [];
afterAll(() => homes.forEach((home) => home.cleanup()));

function newHome(): Home {
  const home = tempHome() as Home;
  homes.push(home);
  return home;
}
const cacheDirOf = (home: Home) => join(home.env.XDG_CACHE_HOME, 'mmbatch-auth');
const cacheFiles = (home: Home) => {
  try {
    return readdirSync(cacheDirOf(home)).filter((name) => /^cli-.*\.v8$/.test(name));
  } catch {
    return [];
  }
};
function theCacheFile(home: Home): string {
  const files = cacheFiles(home);
  expect(files).toHaveLength(1);
  return join(cacheDirOf(home), files[0]);
}
/** The commands a cache file says it holds (its header: length, then JSON). */
function commandsIn(file: string): string[] {
  const bytes = readFileSync(file);
  return JSON.parse(bytes.subarray(4, 4 + bytes.readUInt32LE(0)).toString('utf8')).commands;
}
const identity = (file: string) => {
  const stats = statSync(file);
  return { ino: stats.ino, mtimeMs: stats.mtimeMs, mode: stats.mode & 0o777 };
};

let expected: string;
beforeAll(async () => {
  const result = await runCli(['iam-policy', 'setup'], { env: { ...newHome().env, NODE_DISABLE_COMPILE_CACHE: '1' } });
  expect(result.code).toBe(0);
  expected = result.stdout;
  expect(JSON.parse(expected).Statement.length).toBeGreaterThan(0);
});

async function policy(home: Home, env: Record<string, string> = {}): Promise<void> {
  const result = await runCli(['iam-policy', 'setup'], { env: { ...home.env, ...env } });
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
  expect(result.stdout).toBe(expected);
}

test('the first run writes a private cache of this build; the next runs use it and do not write it again', async () => {
  const home = newHome();
  await policy(home);
  const file = theCacheFile(home);
  expect(file).toMatch(new RegExp(`/cli-[0-9a-f]{16}-${process.version.replace(/\./g, '\\.')}-${process.arch}\\.v8$`));
  expect(identity(file).mode).toBe(0o600);
  expect(statSync(cacheDirOf(home)).mode & 0o777).toBe(0o700);
  expect(commandsIn(file)).toEqual(['iam-policy']);
  const written = identity(file);
  await policy(home);
  await policy(home);
  expect(identity(file)).toEqual(written);
  // Another command adds its own code to the same file, once.
  expect((await runCli(['completion', 'bash'], { env: home.env })).code).toBe(0);
  expect(commandsIn(theCacheFile(home))).toEqual(['completion', 'iam-policy']);
  const both = identity(theCacheFile(home));
  await policy(home);
  expect(identity(theCacheFile(home))).toEqual(both);
});

test('the file names the commands that made it, never another word typed on the command line', async () => {
  const home = newHome();
  const typed = 'zq-typed-by-mistake';
  await runCli(['use', typed], { env: home.env });
  const file = theCacheFile(home);
  expect(commandsIn(file)).toEqual(['use']);
  expect(readFileSync(file).includes(Buffer.from(typed, 'latin1'))).toBe(false);
});

test('NODE_DISABLE_COMPILE_CACHE: nothing is written', async () => {
  const home = newHome();
  await policy(home, { NODE_DISABLE_COMPILE_CACHE: '1' });
  expect(cacheFiles(home)).toEqual([]);
});

test('a file that group or others may write is never used: the run replaces it with its own', async () => {
  const home = newHome();
  await policy(home);
  const file = theCacheFile(home);
  chmodSync(file, 0o666);
  const planted = identity(file);
  await policy(home);
  const after = identity(file);
  expect(after.ino).not.toBe(planted.ino);
  expect(after.mode).toBe(0o600);
});

test('a cache folder others may write to is never read from', async () => {
  const home = newHome();
  await policy(home);
  chmodSync(cacheDirOf(home), 0o777);
  const before = identity(theCacheFile(home));
  await policy(home);
  // Not read, so written again (a file others could have put there is never run).
  expect(identity(theCacheFile(home)).ino).not.toBe(before.ino);
});

const asRoot = process.getuid?.() === 0 ? test : test.skip;
asRoot('a file owned by another user is never used', async () => {
  const home = newHome();
  await policy(home);
  const file = theCacheFile(home);
  chownSync(file, 65534, 65534);
  const planted = identity(file);
  await policy(home);
  expect(identity(file).ino).not.toBe(planted.ino);
  expect(statSync(file).uid).toBe(0);
});

test('a cache V8 refuses (cut short, or not V8 data) is replaced, and the run is unaffected', async () => {
  const home = newHome();
  await policy(home);
  const file = theCacheFile(home);
  const bytes = readFileSync(file);
  const headerEnd = 4 + bytes.readUInt32LE(0);
  for (const damaged of [bytes.subarray(0, headerEnd + 100), Buffer.concat([bytes.subarray(0, headerEnd), Buffer.alloc(bytes.length - headerEnd, 0x5a)]), Buffer.from('not a cache')]) {
    writeFileSync(file, damaged, { mode: 0o600 });
    const planted = identity(file);
    await policy(home);
    const after = identity(file);
    expect(after.ino).not.toBe(planted.ino);
    expect(readFileSync(file).length).toBeGreaterThan(100_000);
  }
});

test("older builds' caches and a killed write's temp file are removed when this one is written; two of other Node versions stay; the token cache is left", async () => {
  const home = newHome();
  const dir = cacheDirOf(home);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const olderBuild = `cli-ffffffffffffffff-${process.version}-${process.arch}.v8`;
  // Other Node versions (an nvm user switching back and forth): the two newest stay.
  const otherNodes = ['v20.0.0', 'v20.1.0', 'v20.2.0'].map((version) => `cli-0000000000000000-${version}-${process.arch}.v8`);
  for (const name of [olderBuild, ...otherNodes]) writeFileSync(join(dir, name), 'old', { mode: 0o600 });
  otherNodes.forEach((name, i) => utimesSync(join(dir, name), new Date(Date.now() - (3 - i) * 3_600_000), new Date(Date.now() - (3 - i) * 3_600_000)));
  writeFileSync(join(dir, 'token-0123456789abcdef.json'), '{}', { mode: 0o600 });
  // What a run killed between its write and its rename leaves; and another run's write, going on now.
  const abandoned = `cli-0000000000000000-${process.version}-${process.arch}.v8.4242.lq3k9x0abc.tmp`;
  const inFlight = `cli-1111111111111111-${process.version}-${process.arch}.v8.4343.lq3k9x0def.tmp`;
  for (const name of [abandoned, inFlight]) writeFileSync(join(dir, name), 'partial', { mode: 0o600 });
  utimesSync(join(dir, abandoned), new Date(Date.now() - 120_000), new Date(Date.now() - 120_000));
  await policy(home);
  const left = readdirSync(dir).sort();
  const ours = cacheFiles(home).filter((name) => !otherNodes.includes(name));
  expect(ours).toHaveLength(1);
  expect(left.sort()).toEqual([ours[0], otherNodes[1], otherNodes[2], inFlight, 'token-0123456789abcdef.json'].sort());
});

test('runs under other V8 flags (NODE_OPTIONS) keep a cache of their own instead of replacing each other', async () => {
  const home = newHome();
  await policy(home);
  await policy(home, { NODE_OPTIONS: '--max-old-space-size=200' });
  expect(cacheFiles(home)).toHaveLength(2);
  const before = cacheFiles(home).map((name) => identity(join(cacheDirOf(home), name)));
  await policy(home);
  await policy(home, { NODE_OPTIONS: '--max-old-space-size=200' });
  expect(cacheFiles(home).map((name) => identity(join(cacheDirOf(home), name)))).toEqual(before);
});

test('runs starting at once in a fresh home each write the cache whole: one file, and it is used after', async () => {
  const home = newHome();
  const results = await Promise.all(Array.from({ length: 4 }, () => runCli(['iam-policy', 'setup'], { env: home.env })));
  for (const result of results) expect({ code: result.code, stdout: result.stdout, stderr: result.stderr }).toEqual({ code: 0, stdout: expected, stderr: '' });
  const file = theCacheFile(home);
  expect(readdirSync(cacheDirOf(home)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  const written = identity(file);
  await policy(home);
  expect(identity(file)).toEqual(written);
});

test('a cache that cannot be written (its folder is a file) costs nothing but the cache', async () => {
  const home = newHome();
  mkdirSync(home.env.XDG_CACHE_HOME, { recursive: true });
  writeFileSync(join(home.env.XDG_CACHE_HOME, 'mmbatch-auth'), 'a file where the folder would be');
  await policy(home);
  await policy(home);
});
