// The fast path's decisions, in-process: which argv it may answer, and that it answers exactly as
// the full `token` would (same cache file, same bytes), or leaves the run to the full CLI.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parseFastTokenArgs, printCachedToken } from '../src/fastToken.js';
import { cacheFile, EXPIRY_MARGIN_MS, writeCachedTokens } from '../src/auth/tokenCache.js';
import { writeDiscovery } from '../src/auth/discoveryCache.js';
import { formatTokenOutput } from '../src/auth/tokenOutput.js';

const NOW = Date.UTC(2030, 0, 1);
const KEY = { region: 'eu-west-1', userPoolId: 'eu-west-1_Pool123', clientId: 'client123', username: 'ops@example.com' };
const TOKENS = { accessToken: 'access.jwt.x', idToken: 'id.jwt.y', refreshToken: 'refresh', expiresAt: NOW + 30 * 60_000, tokenType: 'Bearer' };

let dir: string;
let env: NodeJS.ProcessEnv;

function settings(record: Record<string, unknown>): void {
  mkdirSync(join(dir, 'config', 'mmbatch-auth'), { recursive: true });
  writeFileSync(join(dir, 'config', 'mmbatch-auth', 'config.json'), JSON.stringify({ version: 1, ...record }));
}

function run(argv: string[], extraEnv: NodeJS.ProcessEnv = {}, now = NOW): { answered: boolean; out: string } {
  let out = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      out += String(chunk);
      done();
    },
  });
  const answered = printCachedToken(argv, { ...env, ...extraEnv }, stream, now);
  return { answered, out };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mmbatch-auth-fast-'));
  env = { XDG_CONFIG_HOME: join(dir, 'config'), XDG_CACHE_HOME: join(dir, 'cache'), HOME: dir };
  settings({ region: KEY.region, userPoolId: KEY.userPoolId, clientId: KEY.clientId, adminUsername: KEY.username });
  writeCachedTokens(env, KEY, TOKENS);
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('argv the fast path understands', () => {
  test.each([
    [['token'], {}],
    [['token', '--json'], { json: true }],
    [['--json', 'token', '--id-token'], { json: true, idToken: true }],
    [['token', '--username', 'u@example.com', '--region=us-east-1'], { username: 'u@example.com', region: 'us-east-1' }],
    [['token', '--config', '/x.json', '--server', 'https://h:8081', '--flow', 'srp', '-y'], { config: '/x.json', server: 'https://h:8081' }],
  ])('%j', (argv, expected) => {
    expect(parseFastTokenArgs(argv)).toMatchObject(expected);
  });

  test.each([
    [[]],
    [['login']],
    [['token', 'extra']],
    [['token', '--verbose']],
    [['token', '--no-cache']],
    [['token', '--help']],
    [['token', '--profile', 'p']],
    [['token', '--username']],
    [['token', '--username', '--json']],
    [['token', '--flow', 'magic']],
    [['token', '--mfa-code', 'abc']],
    [['token', '--json=yes']],
    [['token', '--']],
    [['users', 'token']],
  ])('%j: left to the full CLI', (argv) => {
    expect(parseFastTokenArgs(argv)).toBeUndefined();
  });
});

describe('answering from the cache', () => {
  test('prints exactly what the full `token` prints', () => {
    expect(run(['token'])).toEqual({ answered: true, out: 'access.jwt.x\n' });
    expect(run(['token', '--id-token']).out).toBe('id.jwt.y\n');
    expect(run(['token', '--json']).out).toBe(formatTokenOutput(TOKENS, KEY.username, { json: true }));
  });

  test('a token within the expiry margin, or expired, is left to the full CLI (which renews it)', () => {
    expect(run(['token'], {}, TOKENS.expiresAt - EXPIRY_MARGIN_MS + 1).answered).toBe(false);
    expect(run(['token'], {}, TOKENS.expiresAt + 1).answered).toBe(false);
  });

  test('another user, another pool or another region is another file', () => {
    expect(run(['token', '--username', 'someone@example.com']).answered).toBe(false);
    expect(run(['token'], { MMBATCH_AUTH_USERNAME: 'someone@example.com' }).answered).toBe(false);
    expect(run(['token', '--region', 'us-east-1']).answered).toBe(false);
    expect(run(['token', '--user-pool-id', 'eu-west-1_Other', '--client-id', KEY.clientId]).answered).toBe(false);
    expect(run(['token', '--username', 'OPS@example.com']).answered).toBe(true); // usernames are case-insensitive
  });

  test('a damaged cache file or settings file is a miss, never an error', () => {
    writeFileSync(cacheFile(env, KEY), '{"accessToken": "trunc');
    expect(run(['token']).answered).toBe(false);
    writeCachedTokens(env, KEY, TOKENS);
    settings({});
    writeFileSync(join(dir, 'config', 'mmbatch-auth', 'config.json'), 'not json');
    expect(run(['token']).answered).toBe(false);
  });

  test('a cache file holding another key (copied by hand) is a miss', () => {
    const other = { ...KEY, userPoolId: 'eu-west-1_Other' };
    writeFileSync(cacheFile(env, KEY), JSON.stringify({ ...other, ...TOKENS }));
    expect(run(['token']).answered).toBe(false);
  });

  test('from a server alone, through what discovery remembered', () => {
    settings({});
    const server = 'https://mmbatch.example.com:8081';
    expect(run(['token'], { MMBATCH_SERVER: server, MMBATCH_AUTH_USERNAME: KEY.username }).answered).toBe(false);
    writeDiscovery(env, server, { region: KEY.region, userPoolId: KEY.userPoolId, clientId: KEY.clientId });
    expect(run(['token'], { MMBATCH_SERVER: `${server}/`, MMBATCH_AUTH_USERNAME: KEY.username })).toEqual({ answered: true, out: 'access.jwt.x\n' });
    expect(run(['token', '--server', server, '--username', KEY.username]).answered).toBe(true);
  });

  test('a settings file for another server does not answer for this one', () => {
    settings({ ...KEY, adminUsername: KEY.username, serverUrl: 'https://one.example.com' });
    expect(run(['token'], { MMBATCH_SERVER: 'https://two.example.com' }).answered).toBe(false);
    expect(run(['token'], { MMBATCH_SERVER: 'https://one.example.com' }).answered).toBe(true);
  });
});
