// Secrets never leak: a representative set of commands runs with --verbose (setup, token, api,
// server push, users add, a failing sign-in, status, teardown), and everything they printed is
// grepped for the passwords, every token issued, and the AWS secret key. The settings file too.
// Files holding IDs or tokens are 0600 in 0700 folders.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startWorld, type World } from './support/world.js';
// @ts-expect-error: plain JS test support
import { runCli, tempHome } from './support/cli.mjs';

const PASSWORD = 'Secret-Admin-Pass-123!';
const WRONG_PASSWORD = 'Wrong-Guess-Pass-456!';
const USER_PASSWORD = 'Secret-User-Pass-789!';
const ADMIN = 'keeper@example.com';
const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/;

let world: World;
let stack: any;
let server: any;
const home = tempHome();

/** Every run of this file: its arguments, what it printed, and whether its stdout is a token by contract. */
const runs: { args: string[]; stdout: string; stderr: string; stdoutIsToken: boolean }[] = [];
/** Every token that reached the cache at any point (access, ID and refresh). */
const issued = new Set<string>();

const cacheDir = () => join(home.env.XDG_CACHE_HOME, 'mmbatch-auth');
const modeOf = (path: string) => statSync(path).mode & 0o777;
const cacheFiles = () => {
  try {
    return readdirSync(cacheDir()).map((name) => join(cacheDir(), name));
  } catch {
    return [];
  }
};

function collectIssuedTokens() {
  for (const file of cacheFiles().filter((name) => name.endsWith('.json'))) {
    const record = JSON.parse(readFileSync(file, 'utf8'));
    for (const key of ['accessToken', 'idToken', 'refreshToken']) if (typeof record[key] === 'string') issued.add(record[key]);
  }
}

async function cli(args: string[], options: { stdin?: string; stdoutIsToken?: boolean; env?: Record<string, string> } = {}) {
  const result = await runCli([...args, '--verbose'], { env: { ...stack.env(), ...home.env, ...options.env }, stdin: options.stdin ?? '' });
  runs.push({ args, stdout: result.stdout, stderr: result.stderr, stdoutIsToken: Boolean(options.stdoutIsToken) });
  collectIssuedTokens();
  return result;
}

beforeAll(async () => {
  world = await startWorld();
  ({ stack, server } = world);

  const steps: [string[], { stdin?: string; stdoutIsToken?: boolean; env?: Record<string, string> }, number][] = [
    [['setup', '--yes', '--admin-email', ADMIN, '--admin-password-stdin', '--server', server.url], { stdin: PASSWORD }, 0],
    [['token', '--password-stdin', '--no-cache'], { stdin: PASSWORD, stdoutIsToken: true }, 0],
    [['token'], { stdoutIsToken: true }, 0],
    [['token', '--id-token'], { stdoutIsToken: true }, 0],
    [['api', 'GET', '/api/v1/config'], {}, 0],
    [['api', 'PUT', '/api/v1/configKV', '--data', '{"kvMap":{"node.ttl":"7m"}}'], {}, 0],
    [['users', 'add', 'member@example.com', '--password-stdin'], { stdin: USER_PASSWORD }, 0],
    // A failing sign-in: the wrong password must not be echoed anywhere, not even in the error.
    [['token', '--password-stdin', '--no-cache'], { stdin: WRONG_PASSWORD }, 3],
    [['token', '--no-cache'], { env: { MMBATCH_AUTH_PASSWORD: WRONG_PASSWORD } }, 3],
    [['status'], {}, 0],
    [['teardown', '--dry-run'], {}, 0],
  ];
  for (const [args, options, code] of steps) {
    const result = await cli(args, options);
    if (result.code !== code) throw new Error(`mmbatch-auth ${args.join(' ')} exited ${result.code}, expected ${code}: ${result.stderr}`);
  }
  // server push with work to do: Cognito turned off behind our back, pushed again with a token in the body.
  server.config.security.cognito.enabled = false;
  const push = await cli(['server', 'push', '--password-stdin'], { stdin: PASSWORD });
  if (push.code !== 0) throw new Error(`server push exited ${push.code}: ${push.stderr}`);
}, 120_000);

afterAll(async () => {
  home.cleanup();
  await world?.stop();
});

describe('nothing printed carries a secret', () => {
  test('the runs really happened with --verbose, and tokens were issued', () => {
    expect(runs.length).toBeGreaterThanOrEqual(12);
    // Each logged its calls, except `token` answered from the cache (no call to log).
    expect(runs.filter((run) => !run.stderr.includes('→ ')).map((run) => run.args)).toEqual([['token'], ['token', '--id-token']]);
    expect(issued.size).toBeGreaterThanOrEqual(3);
    expect(server.calls.some((c: any) => c.method === 'PUT' && c.path === '/api/v1/security/cognito' && c.status === 200)).toBe(true);
  });

  test.each([
    ['the admin password', PASSWORD],
    ['a wrong password', WRONG_PASSWORD],
    ['a user password', USER_PASSWORD],
    ['the AWS secret access key', 'local-stack-secret-access-key'],
  ])('%s appears in no output', (_what, secret) => {
    for (const run of runs) {
      expect({ args: run.args, found: run.stdout.includes(secret) || run.stderr.includes(secret) }).toEqual({ args: run.args, found: false });
    }
  });

  test('no token issued appears anywhere, except the one `token` prints on stdout by contract', () => {
    for (const run of runs) {
      const printed = run.stdoutIsToken ? run.stderr : `${run.stdout}\n${run.stderr}`;
      for (const token of issued) expect({ args: run.args, leaked: printed.includes(token) }).toEqual({ args: run.args, leaked: false });
      // Nor anything token-shaped that the cache never saw (e.g. the bearer of a server call).
      expect({ args: run.args, jwt: JWT.exec(printed)?.[0] ?? null }).toEqual({ args: run.args, jwt: null });
      if (run.stdoutIsToken) {
        // stdout is exactly one token and a newline; never the refresh token.
        expect(run.stdout).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+\n$/);
      }
    }
  });

  test('the --verbose lines show that secrets were there, redacted', () => {
    const all = runs.map((run) => run.stderr).join('\n');
    expect(all).toMatch(/"PASSWORD":"\*\*\*"/); // the admin sign-in
    expect(all).toMatch(/"Password":"\*\*\*"/); // AdminSetUserPassword
    expect(all).toMatch(/→ server PUT \/api\/v1\/security\/cognito \{.*"token":"\*\*\*"/);
  });
});

describe('files', () => {
  test('the settings file names IDs only, 0600 in a 0700 folder', () => {
    const text = readFileSync(home.settingsFile, 'utf8');
    for (const secret of [PASSWORD, WRONG_PASSWORD, USER_PASSWORD, 'local-stack-secret-access-key', ...issued]) expect(text.includes(secret)).toBe(false);
    expect(text).not.toMatch(JWT);
    expect(modeOf(home.settingsFile)).toBe(0o600);
    expect(modeOf(dirname(home.settingsFile))).toBe(0o700);
  });

  test('the token cache holds no password, each file 0600 in a 0700 folder', () => {
    const files = cacheFiles();
    expect(files.length).toBeGreaterThan(0);
    expect(modeOf(cacheDir())).toBe(0o700);
    for (const file of files) {
      expect(modeOf(file)).toBe(0o600);
      const text = readFileSync(file, 'utf8');
      for (const secret of [PASSWORD, WRONG_PASSWORD, USER_PASSWORD, 'local-stack-secret-access-key']) expect(text.includes(secret)).toBe(false);
    }
  });

  test('the code cache (compiled code the runs left) holds no secret and no token, in either of V8\'s string encodings', () => {
    const caches = cacheFiles().filter((file) => /\/cli-[^/]*\.v8$/.test(file));
    expect(caches).toHaveLength(1);
    const bytes = readFileSync(caches[0]);
    expect(modeOf(caches[0])).toBe(0o600);
    expect(issued.size).toBeGreaterThan(0);
    for (const secret of [PASSWORD, WRONG_PASSWORD, USER_PASSWORD, 'local-stack-secret-access-key', ...issued]) {
      expect(bytes.includes(Buffer.from(secret, 'latin1'))).toBe(false);
      expect(bytes.includes(Buffer.from(secret, 'utf16le'))).toBe(false);
    }
  });
});
