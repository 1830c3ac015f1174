// What is kept on disk and how: a settings file that is a symlink (a dotfiles repository) stays a
// symlink, its target written; a cache folder another user owns is refused.
import { chownSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SettingsFile } from '../src/config/settings.js';
import { CacheFolderError, checkCacheFolder, readCacheFile } from '../src/auth/store/cacheFolder.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mmbatch-auth-files-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('a settings file that is a symlink stays one: the write goes to its target, 0600', () => {
  const dotfiles = join(dir, 'dotfiles');
  mkdirSync(dotfiles);
  const target = join(dotfiles, 'mmbatch-auth.json');
  writeFileSync(target, JSON.stringify({ version: 2, setups: {} }), { mode: 0o600 });
  mkdirSync(join(dir, 'config'));
  const link = join(dir, 'config', 'config.json');
  symlinkSync(target, link);

  new SettingsFile(link).changeRecord('mmbatch', (record) => {
    record.region = 'eu-west-1';
  });

  expect(lstatSync(link).isSymbolicLink()).toBe(true);
  expect(readlinkSync(link)).toBe(target);
  expect(JSON.parse(readFileSync(target, 'utf8')).setups.mmbatch.region).toBe('eu-west-1');
  expect(statSync(target).mode & 0o777).toBe(0o600);
});

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
(asRoot ? test : test.skip)('a cache folder another user owns is refused, for reads and writes alike', () => {
  const env = { XDG_CACHE_HOME: dir };
  const folder = join(dir, 'mmbatch-auth');
  mkdirSync(folder, { mode: 0o700 });
  writeFileSync(join(folder, 'token-x.json'), '{}', { mode: 0o600 });
  chownSync(folder, 4242, 4242);
  expect(() => checkCacheFolder(folder)).toThrow(CacheFolderError);
  expect(() => readCacheFile(env, join(folder, 'token-x.json'))).toThrow(/belongs to another user \(uid 4242\)/);
});
