// The fast path's decisions, in-process: which argv it may answer, that it knows exactly the flags
// the full CLI's `token` knows (walked from buildProgram(), the commander tree users get), and that
// it answers exactly as the full `token` would (same cache file, same bytes), or leaves the run to
// the full CLI.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Command, Option } from 'commander';
import { printCachedToken } from '../src/fast/token.js';
import { parseFastTokenArgs, type FastParse } from '../src/fast/argv.js';
import { cacheFile, EXPIRY_MARGIN_MS, writeCachedTokens } from '../src/auth/store/tokenCache.js';
import { writeDiscovery } from '../src/auth/store/discoveryCache.js';
import { buildProgram } from '../src/cli/program.js';
import type { IO } from '../src/cli/io/streams.js';

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
    [['token', '--name', 'staging', '--mfa-code-stdin'], { name: 'staging' }],
  ])('%j', (argv, expected) => {
    expect(parseFastTokenArgs(argv)).toMatchObject({ kind: 'answer', args: expected });
  });

  test.each([
    [[]],
    [['login']],
    [['token', '--verbose']],
    [['token', '--no-cache']],
    [['token', '--help']],
    [['token', '-h']],
    [['token', '--profile', 'p']],
    [['token', '--username']],
    [['token', '--username', '--json']],
    [['token', '--']],
    [['users', 'token']],
  ])('%j: left to the full CLI', (argv) => {
    expect(parseFastTokenArgs(argv).kind).toBe('defer');
  });

  test.each([
    [['token', 'extra']],
    [['token', '--flow', 'magic']],
    [['token', '--mfa-code', 'abc']],
    [['token', '--json=yes']],
    [['--username', 'u@example.com', 'token']],
    [['token', '--frobnicate']],
  ])('%j: refused, as the full CLI refuses it', (argv) => {
    expect(parseFastTokenArgs(argv).kind).toBe('invalid');
  });
});

describe('the same flags as the full CLI', () => {
  /** `token` as users get it: commander built from the specs, with the program's global options. */
  function tokenCommand(): { token: Command; options: Option[] } {
    const io = { stdin: undefined, out: { write: () => true }, err: { write: () => true }, stdinIsTTY: false, stdoutIsTTY: false, stderrIsTTY: false } as unknown as IO;
    const program = buildProgram({ io, env: {} }, require('commander'));
    const token = program.commands.find((command) => command.name() === 'token')!;
    return { token, options: [...token.options, ...program.options] };
  }

  /** What commander makes of `mmbatch-auth token ...argv`: accepted (the action would run) or refused. */
  async function commanderVerdict(argv: string[]): Promise<'accepted' | 'refused'> {
    const io = { stdin: undefined, out: { write: () => true }, err: { write: () => true }, stdinIsTTY: false, stdoutIsTTY: false, stderrIsTTY: false } as unknown as IO;
    const program = buildProgram({ io, env: {} }, require('commander'));
    const token = program.commands.find((command) => command.name() === 'token')!;
    token.action(() => undefined); // parse only: the real action would sign in
    try {
      await program.parseAsync(argv, { from: 'user' });
      return 'accepted';
    } catch (error) {
      // help and version are answers, not refusals
      return ['commander.helpDisplayed', 'commander.version'].includes((error as { code?: string }).code ?? '') ? 'accepted' : 'refused';
    }
  }

  const fastVerdict = (parse: FastParse) => (parse.kind === 'invalid' ? 'refused' : 'accepted');

  /** A value commander accepts for the option: one of its choices, else something plausible. */
  const sampleValue = (option: Option) => option.argChoices?.[0] ?? 'x@example.com';

  test('every option of `token` (its own and the global ones) is one the fast parser knows, taking a value exactly when commander does', async () => {
    const { options } = tokenCommand();
    expect(options.length).toBeGreaterThan(20);
    for (const option of options) {
      for (const flag of [option.long, option.short].filter((f): f is string => Boolean(f))) {
        const argv = ['token', flag, ...(option.required ? [sampleValue(option)] : [])];
        const verdicts = { flag, commander: await commanderVerdict(argv), fast: fastVerdict(parseFastTokenArgs(argv)) };
        expect(verdicts).toEqual({ flag, commander: 'accepted', fast: 'accepted' });
        if (option.required) {
          // and without its value, both refuse or the fast path leaves it to commander
          expect({ flag, fast: parseFastTokenArgs(['token', flag]).kind }).not.toEqual({ flag, fast: 'answer' });
        } else {
          // a switch takes no value: `--json=yes` is refused by both
          const withValue = [`${flag}=yes`];
          if (flag.startsWith('--')) {
            expect({ flag, commander: await commanderVerdict(['token', ...withValue]), fast: fastVerdict(parseFastTokenArgs(['token', ...withValue])) }).toEqual({
              flag,
              commander: 'refused',
              fast: 'refused',
            });
          }
        }
      }
    }
  });

  test.each([
    [['token', '--frobnicate']],
    [['token', '--password', 'x']],
    [['token', '--mfa-code', '123456']],
    [['token', '--flow', 'magic']],
    [['token', 'extra']],
    [['--username', 'u', 'token']],
    [['token', '--flow', 'srp']],
    [['--json', 'token', '-y']],
    [['token', '--no-color', '--region=eu-west-1', '--insecure']],
  ])('%j: commander and the fast parser agree', async (argv) => {
    expect(fastVerdict(parseFastTokenArgs(argv))).toBe(await commanderVerdict(argv));
  });
});

describe('answering from the cache', () => {
  test('prints exactly what the full `token` prints', () => {
    expect(run(['token'])).toEqual({ answered: true, out: 'access.jwt.x\n' });
    expect(run(['token', '--id-token']).out).toBe('id.jwt.y\n');
    expect(JSON.parse(run(['token', '--json']).out)).toEqual({
      accessToken: 'access.jwt.x',
      idToken: 'id.jwt.y',
      expiresAt: new Date(TOKENS.expiresAt).toISOString(),
      tokenType: 'Bearer',
      username: KEY.username,
    });
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
