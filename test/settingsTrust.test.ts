// The settings file decides where bearer tokens go (a setup's server URL, its pinned certificate)
// and which pools are "ours": whoever can write it can send the admin's token to a listener of
// theirs. So a settings file that anyone but its owner may write, or one in a folder others may
// write to (who can swap the file), is refused, as the cache folder is; a folder with the sticky
// bit (/tmp) lets nobody replace our file and is fine.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startWorld, Homes, PASSWORD, type SetUpWorld } from './support/world.js';

let world: SetUpWorld;
const homes = new Homes(() => world);
beforeAll(async () => {
  world = await startWorld({ setup: true });
});
afterAll(async () => {
  homes.cleanup();
  await world?.stop();
});

/** A listener that counts what reaches it: where a planted server URL would send the token. */
async function listener() {
  let requests = 0;
  const server = createServer((_req, res) => {
    requests++;
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, requests: () => requests, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** The operator's settings, with the record's server pointed at `url` (what someone who can write the file would do). */
function plantServer(settingsFile: string, url: string) {
  const doc = JSON.parse(readFileSync(settingsFile, 'utf8'));
  for (const record of Object.values(doc.setups) as any[]) record.server = { ...(record.server ?? {}), url };
  writeFileSync(settingsFile, JSON.stringify(doc));
}

describe('a settings file others may write', () => {
  test.each([
    ['the file writable by others (0666)', (file: string) => chmodSync(file, 0o666), /the settings file .* may be written by others \(mode 666\)/],
    ['the file writable by its group (0620)', (file: string) => chmodSync(file, 0o620), /the settings file .* may be written by others \(mode 620\)/],
    ['its folder writable by others (0777)', (file: string) => chmodSync(dirname(file), 0o777), /the folder of the settings file .* may be written by others \(mode 777\)/],
  ])('%s: refused with one line, exit 2, and the planted server gets nothing', async (_what, loosen, message) => {
    const home = homes.fresh();
    const planted = await listener();
    try {
      plantServer(home.settingsFile, planted.url);
      loosen(home.settingsFile);
      for (const args of [['api', 'GET', '/api/v1/config'], ['token'], ['status']]) {
        const result = await world.cli(args, { env: world.env(home) });
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr).toMatch(message);
        expect(result.stderr.trim().split('\n').filter((line) => line.startsWith('mmbatch-auth:'))).toHaveLength(1);
      }
      expect(planted.requests()).toBe(0);
    } finally {
      await planted.close();
    }
  });

  test('a file of ours, 0600, in a folder with the sticky bit (as /tmp): used', async () => {
    const shared = mkdtempSync(join(tmpdir(), 'sticky-'));
    try {
      chmodSync(shared, 0o1777);
      const home = homes.fresh();
      const file = join(shared, 'config.json');
      writeFileSync(file, readFileSync(home.settingsFile, 'utf8'), { mode: 0o600 });
      const result = await world.cli(['token', '--config', file], { env: { ...world.env(home), MMBATCH_AUTH_PASSWORD: PASSWORD } });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    } finally {
      rmSync(shared, { recursive: true, force: true });
    }
  });

  test('the owner tightening it again (chmod 600) is all it takes', async () => {
    const home = homes.fresh();
    chmodSync(home.settingsFile, 0o666);
    expect((await world.cli(['token'], { env: world.env(home) })).code).toBe(2);
    chmodSync(home.settingsFile, 0o600);
    const result = await world.cli(['token'], { env: { ...world.env(home), MMBATCH_AUTH_PASSWORD: PASSWORD } });
    expect(result.code).toBe(0);
  });
});

// A settings file that does not exist yet is nothing to trust: the first setup makes it 0600 in a 0700 folder.
test('no settings file yet: a command that needs none still runs', async () => {
  const home = homes.empty();
  mkdirSync(dirname(home.settingsFile), { recursive: true, mode: 0o700 });
  const result = await world.cli(['iam-policy'], { env: world.env(home) });
  expect(result.code).toBe(0);
});
