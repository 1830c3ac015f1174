// The fast path's decisions, in-process: which argv it may answer, that it knows exactly the flags
// the full CLI's `token` knows (walked from buildProgram(), the commander tree users get), and that
// it answers exactly as the full `token` would (same cache file, same bytes), or leaves the run to
// the full CLI.
import { generateKeyPairSync, sign } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Command, Option } from 'commander';
import { printCachedToken } from '../src/fast/token.js';
import { parseFastTokenArgs, type FastParse } from '../src/fast/argv.js';
import { cacheFile, EXPIRY_MARGIN_MS, writeCachedTokens } from '../src/auth/store/tokenCache.js';
import { writeDiscovery } from '../src/auth/store/discoveryCache.js';
import { writeJwks } from '../src/auth/store/jwks.js';
import { buildProgram } from '../src/cli/program.js';
import type { IO } from '../src/cli/io/streams.js';

const NOW = Date.UTC(2030, 0, 1);
const KEY = { region: 'eu-west-1', userPoolId: 'eu-west-1_Pool123', clientId: 'client123', username: 'ops@example.com' };
const ISSUER = `https://cognito-idp.${KEY.region}.amazonaws.com/${KEY.userPoolId}`;

/** The pool's signing key, as Cognito's JWKS publishes it, and tokens signed with it (RS256). */
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const JWK = { ...publicKey.export({ format: 'jwk' }), kid: 'key-1', alg: 'RS256', use: 'sig' };
function jwt(claims: Record<string, unknown>, key = privateKey, kid = 'key-1'): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signed = `${encode({ alg: 'RS256', kid })}.${encode(claims)}`;
  return `${signed}.${sign('RSA-SHA256', Buffer.from(signed), key).toString('base64url')}`;
}
const exp = Math.floor((NOW + 30 * 60_000) / 1000);
const ACCESS = jwt({ iss: ISSUER, client_id: KEY.clientId, token_use: 'access', username: 'u', exp });
const ID = jwt({ iss: ISSUER, aud: KEY.clientId, token_use: 'id', email: KEY.username, exp });
const TOKENS = { accessToken: ACCESS, idToken: ID, refreshToken: 'refresh', expiresAt: NOW + 30 * 60_000, tokenType: 'Bearer' };

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
  writeJwks(env, { issuer: ISSUER, keys: [JWK], fetchedAt: NOW });
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
    expect(run(['token'])).toEqual({ answered: true, out: `${ACCESS}\n` });
    expect(run(['token', '--id-token']).out).toBe(`${ID}\n`);
    expect(JSON.parse(run(['token', '--json']).out)).toEqual({
      accessToken: ACCESS,
      idToken: ID,
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
    expect(run(['token'], { MMBATCH_SERVER: `${server}/`, MMBATCH_AUTH_USERNAME: KEY.username })).toEqual({ answered: true, out: `${ACCESS}\n` });
    expect(run(['token', '--server', server, '--username', KEY.username]).answered).toBe(true);
  });

  test('a settings file for another server does not answer for this one', () => {
    settings({ ...KEY, adminUsername: KEY.username, serverUrl: 'https://one.example.com' });
    expect(run(['token'], { MMBATCH_SERVER: 'https://two.example.com' }).answered).toBe(false);
    expect(run(['token'], { MMBATCH_SERVER: 'https://one.example.com' }).answered).toBe(true);
  });
});

describe('a cached token is verified before it is printed', () => {
  const withTokens = (tokens: Partial<typeof TOKENS>) => writeCachedTokens(env, KEY, { ...TOKENS, ...tokens });

  test('a tampered token (claims edited, signature kept) is a miss', () => {
    const [header, , signature] = ACCESS.split('.');
    const edited = Buffer.from(JSON.stringify({ iss: ISSUER, client_id: KEY.clientId, token_use: 'access', username: 'admin', exp: exp + 86_400 })).toString('base64url');
    withTokens({ accessToken: `${header}.${edited}.${signature}` });
    expect(run(['token']).answered).toBe(false);
  });

  test('a token signed by another key, or for another client, pool or use, or expired by its own claim, is a miss', () => {
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    for (const accessToken of [
      jwt({ iss: ISSUER, client_id: KEY.clientId, token_use: 'access', exp }, stranger),
      jwt({ iss: ISSUER, client_id: 'other-client', token_use: 'access', exp }),
      jwt({ iss: `https://cognito-idp.${KEY.region}.amazonaws.com/eu-west-1_Other`, client_id: KEY.clientId, token_use: 'access', exp }),
      jwt({ iss: 'https://evil.example.com/eu-west-1_Pool123', client_id: KEY.clientId, token_use: 'access', exp }),
      jwt({ iss: ISSUER, client_id: KEY.clientId, token_use: 'id', exp }),
      jwt({ iss: ISSUER, client_id: KEY.clientId, token_use: 'access', exp: Math.floor(NOW / 1000) - 1 }),
      jwt({ iss: ISSUER, client_id: KEY.clientId, token_use: 'access', exp }, privateKey, 'unknown-kid'),
    ]) {
      withTokens({ accessToken });
      expect(run(['token']).answered).toBe(false);
    }
  });

  test('without the kept JWKS there is nothing to verify against: a miss (the full CLI fetches it on its next sign-in)', () => {
    unlinkSync(readdirJwks());
    expect(run(['token']).answered).toBe(false);
  });

  test('--json verifies both tokens; --id-token the ID token', () => {
    withTokens({ idToken: jwt({ iss: ISSUER, aud: 'other-client', token_use: 'id', exp }) });
    expect(run(['token']).answered).toBe(true);
    expect(run(['token', '--json']).answered).toBe(false);
    expect(run(['token', '--id-token']).answered).toBe(false);
  });

  function readdirJwks(): string {
    const { readdirSync } = require('node:fs');
    const name = readdirSync(join(dir, 'cache', 'mmbatch-auth')).find((file: string) => file.startsWith('jwks-'));
    return join(dir, 'cache', 'mmbatch-auth', name);
  }
});

describe('the cache folder', () => {
  const folder = () => join(dir, 'cache', 'mmbatch-auth');

  test('a symlink planted in it is never followed: not read as a token, not written through', () => {
    const planted = join(dir, 'planted.json');
    writeFileSync(planted, JSON.stringify({ ...KEY, ...TOKENS }), { mode: 0o600 });
    unlinkSync(cacheFile(env, KEY));
    symlinkSync(planted, cacheFile(env, KEY));
    expect(run(['token']).answered).toBe(false);
    // A write replaces the link with a file of our own; the link's target is untouched.
    const before = readFileSync(planted, 'utf8');
    writeCachedTokens(env, KEY, TOKENS);
    expect(readFileSync(planted, 'utf8')).toBe(before);
    expect(statSync(cacheFile(env, KEY)).isFile()).toBe(true);
    expect(run(['token']).answered).toBe(true);
  });

  test('one that others may write is refused (the full CLI says why); ours is tightened to 0700', () => {
    chmodSync(folder(), 0o777);
    expect(run(['token']).answered).toBe(false);
    chmodSync(folder(), 0o755);
    expect(run(['token']).answered).toBe(true);
    expect(statSync(folder()).mode & 0o777).toBe(0o700);
  });

  test('a cache file others may write is a miss', () => {
    chmodSync(cacheFile(env, KEY), 0o666);
    expect(run(['token']).answered).toBe(false);
  });
});
