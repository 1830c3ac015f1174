// What `npx mmbatch-auth` downloads and installs: the package as `npm pack` makes it from a clean
// build, installed into an empty project. The build goes to a staging copy, never into the
// shared dist/, which other people's test runs may be loading at this moment.
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectOk, timeProcess } from './timing.mjs';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Every installed package: each node_modules/<name> and node_modules/@scope/<name>, nested too. */
function countPackages(nodeModules) {
  if (!existsSync(nodeModules)) return 0;
  let count = 0;
  for (const entry of readdirSync(nodeModules)) {
    if (entry.startsWith('.')) continue;
    const dirs = entry.startsWith('@') ? readdirSync(join(nodeModules, entry)).map((name) => join(nodeModules, entry, name)) : [join(nodeModules, entry)];
    for (const dir of dirs) {
      if (!existsSync(join(dir, 'package.json'))) continue;
      count += 1 + countPackages(join(dir, 'node_modules'));
    }
  }
  return count;
}

/** Apparent size (the bytes in the files) and disk usage (4 KiB blocks, as `du` counts). */
function sizeOf(path) {
  const stat = lstatSync(path);
  if (!stat.isDirectory()) return { bytes: stat.size, disk: Math.ceil(stat.size / 4096) * 4096 };
  let bytes = 0;
  let disk = 4096;
  for (const entry of readdirSync(path)) {
    const inner = sizeOf(join(path, entry));
    bytes += inner.bytes;
    disk += inner.disk;
  }
  return { bytes, disk };
}

/**
 * Packs and installs; the installed copy stays until remove() so the other rows can run exactly
 * what a user's `npx mmbatch-auth` runs, safe from rebuilds of the shared dist/ meanwhile.
 * @param {string} root the project root
 * @returns {Promise<{ tarballBytes: number, files: number, packages: number, bytes: number, disk: number, installMs: number, bin: string, remove: () => void }>}
 */
export async function packAndInstall(root) {
  const work = mkdtempSync(join(tmpdir(), 'mmbatch-auth-bench-pack-'));
  const remove = () => rmSync(work, { recursive: true, force: true });
  try {
    const stage = join(work, 'stage');
    for (const entry of readdirSync(root)) {
      if (['package.json', 'bin'].includes(entry) || /^(README|LICEN[CS]E|NOTICE|CHANGELOG)/i.test(entry)) {
        cpSync(join(root, entry), join(stage, entry), { recursive: true });
      }
    }
    expectOk(await timeProcess(process.execPath, [join(root, 'build.mjs'), '--outdir', join(stage, 'dist')], { cwd: root }), 'the clean build');
    const packed = expectOk(
      await timeProcess(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: stage }),
      'npm pack',
    );
    const [info] = JSON.parse(packed.stdout);
    const project = join(work, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'bench-install', version: '1.0.0', private: true }));
    const installed = expectOk(
      await timeProcess(npm, ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', join(work, info.filename)], { cwd: project }),
      'npm install of the packed tarball',
    );
    const nodeModules = join(project, 'node_modules');
    // The entry the package declares, as npx would run it.
    const packageDir = join(nodeModules, info.name);
    const declared = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).bin;
    const bin = join(packageDir, typeof declared === 'string' ? declared : declared[info.name]);
    if (!existsSync(bin)) throw new Error(`the installed package has no ${bin}`);
    return {
      tarballBytes: info.size,
      files: info.entryCount,
      packages: countPackages(nodeModules),
      ...sizeOf(nodeModules),
      installMs: installed.ms,
      bin,
      remove,
    };
  } catch (error) {
    remove();
    throw error;
  }
}
