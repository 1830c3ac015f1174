// What `npx mmbatch-auth` installs (issue 12): the package packed from a clean build and installed
// into an empty project is one package of at most 1 MiB on disk, carries the licence of every
// package bundled into it, and runs from there, the lazily loaded parts of dist/ included.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
// @ts-expect-error: plain JS test support
import { ROOT } from './support/cli.mjs';
// @ts-expect-error: plain JS bench support
import { packAndInstall } from '../bench/lib/package.mjs';

type Installed = { packages: number; disk: number; bin: string; remove: () => void };
let installed: Installed;
let work: string;

beforeAll(async () => {
  installed = await packAndInstall(ROOT);
  work = mkdtempSync(join(tmpdir(), 'mmbatch-auth-package-test-'));
}, 180_000);
afterAll(() => {
  installed?.remove();
  if (work) rmSync(work, { recursive: true, force: true });
});

const packageDir = () => resolve(installed.bin, '..', '..');
const run = (args: string[]) =>
  spawnSync(process.execPath, [installed.bin, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: work, CI: '1', NO_COLOR: '1', XDG_CONFIG_HOME: join(work, 'config'), XDG_CACHE_HOME: join(work, 'cache'), AWS_CONFIG_FILE: join(work, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(work, 'none'), AWS_EC2_METADATA_DISABLED: 'true' },
  });

test('one package, at most 1 MiB on disk (4 KiB blocks, as du counts)', () => {
  expect(installed.packages).toBe(1);
  expect(installed.disk).toBeLessThanOrEqual(1024 * 1024);
});

test('the package carries the licence of every package bundled into dist/', () => {
  const metafile = join(work, 'meta.json');
  execFileSync(process.execPath, [join(ROOT, 'build.mjs'), '--outdir', join(work, 'dist'), '--metafile', metafile], { cwd: ROOT });
  const { outputs } = JSON.parse(readFileSync(metafile, 'utf8'));
  const bundled = new Set<string>();
  for (const output of Object.values(outputs) as { inputs: Record<string, { bytesInOutput: number }> }[]) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const dir = /^(?:[^:]*:)?(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1];
      if (dir && bytesInOutput) bundled.add(resolve(ROOT, dir));
    }
  }
  expect(bundled.size).toBeGreaterThan(20);
  expect(readFileSync(join(packageDir(), 'LICENSE'), 'utf8')).toContain('Apache License');
  const licences = readFileSync(join(packageDir(), 'dist', 'THIRD-PARTY-LICENSES.txt'), 'utf8');
  const flat = (text: string) => text.replace(/\s+/g, ' ');
  for (const dir of bundled) {
    const { name, version, license } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(licences).toContain(`${name}@${version} (${license})`);
    const file = readdirSync(dir).find((entry) => /^licen[cs]e/i.test(entry));
    // MIT and ISC notices go whole; an Apache-2.0 text is the LICENSE beside it, its copyright line kept.
    if (file && license !== 'Apache-2.0') expect(flat(licences)).toContain(flat(readFileSync(join(dir, file), 'utf8').trim()));
    const copyright = file && license === 'Apache-2.0' ? /^\s*(Copyright (?!\[yyyy\]).*)$/m.exec(readFileSync(join(dir, file), 'utf8').split('END OF TERMS AND CONDITIONS')[1] ?? '')?.[1] : undefined;
    if (copyright) expect(licences).toContain(copyright.trim());
  }
});

test('the installed copy runs: help, a command without AWS, and one that loads the SDK and its credential chain', () => {
  const help = run(['--help']);
  expect(help.status).toBe(0);
  expect(help.stdout).toMatch(/^Usage: mmbatch-auth/);
  const version = run(['--version']);
  expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  const policy = run(['iam-policy', 'setup']);
  expect(policy.status).toBe(0);
  expect(JSON.parse(policy.stdout).Statement.length).toBeGreaterThan(0);
  // No credentials anywhere: the SDK walks its whole chain (environment, profile, SSO, process, web identity, ...).
  const status = run(['status', '--name', 'nothing-here', '--region', 'eu-west-1']);
  expect({ code: status.status, stderr: status.stderr }).toEqual({ code: 1, stderr: expect.stringMatching(/^mmbatch-auth: no AWS credentials found\n/) });
  expect(existsSync(join(packageDir(), 'dist', 'cli.cjs'))).toBe(true);
});
