// What every area of bench/rows/ gets: the installed package, a local stack with every AWS call
// answered DELAY_MS late, fresh homes and servers, one clean environment for every contestant,
// the timing helpers and the report. Everything started here is stopped by close().
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { startStack } from '../../test/support/stack.mjs';
import { startMmbatchServer } from '../../test/support/mmbatch-server.mjs';
import { packAndInstall } from './package.mjs';
import { expectOk, interleave, median, timeProcess } from './timing.mjs';

/** Issue 12: "50 ms per AWS call unless said". */
export const DELAY_MS = 50;
const ADMIN = 'bench-admin@example.com';
const PASSWORD = 'Bench-Pass-123!';

/** The AWS CLI's real executable: a pyenv shim adds ~70 ms of bash per call, which is not the CLI's. */
function findAwsCli(argv) {
  if (argv.includes('--no-aws')) return undefined;
  // --aws-cli <path> picks one (e.g. /usr/bin/aws, Debian's AWS CLI v2, beside a pip-installed v1).
  const chosen = argv.indexOf('--aws-cli');
  if (chosen >= 0 && argv[chosen + 1]) return argv[chosen + 1];
  const onPath = process.env.PATH?.split(delimiter).map((dir) => join(dir, 'aws')).find((file) => existsSync(file));
  if (!onPath) return undefined;
  if (onPath.includes(join('.pyenv', 'shims'))) {
    try {
      return execFileSync('pyenv', ['which', 'aws'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return undefined; // a shim with no CLI behind it
    }
  }
  return onPath;
}

function awsVersionOf(aws) {
  try {
    return execFileSync(aws, ['--version'], { encoding: 'utf8' }).trim().split(' ')[0];
  } catch {
    return 'version unknown';
  }
}

/**
 * @typedef {Awaited<ReturnType<typeof createContext>>} BenchContext
 * @param {{ root: string, argv: string[], report: ReturnType<typeof import('./report.mjs').createReport>, log: (line: string) => void }} options
 */
export async function createContext({ root, argv, report, log }) {
  const quick = argv.includes('--quick');
  const aws = findAwsCli(argv);
  const noAws = argv.includes('--no-aws') ? 'not used (--no-aws)' : 'no `aws` on PATH';
  log(`mmbatch-auth bench${quick ? ' (quick)' : ''}: node ${process.version}, AWS CLI ${aws ? `${aws} (${awsVersionOf(aws)})` : `${noAws}: its rows are skipped`}`);

  log('packing and installing the package (every row runs the installed copy, as npx does)');
  const pkg = await packAndInstall(root);
  /** @type {(() => Promise<unknown>)[]} */
  const stops = [];
  const homes = [];

  const newStack = async (options = {}) => {
    const started = await startStack(options);
    stops.push(() => started.stop());
    return started;
  };
  let stack;
  try {
    stack = await newStack();
  } catch (error) {
    pkg.remove();
    throw error;
  }
  stack.setDelay(DELAY_MS);

  const newServer = async (on = stack) => {
    const server = await startMmbatchServer({ issuerFor: (_r, poolId) => on.issuer(poolId), jwksUriFor: (_r, poolId) => on.jwksUri(poolId) });
    stops.unshift(() => server.stop());
    return server;
  };
  /** The newest code cache (src/launch/codeCache.ts) any home here has: the CLI compiled by earlier runs. */
  const warmCodeCache = () =>
    homes
      .flatMap((dir) => {
        const cache = join(dir, 'cache', 'mmbatch-auth');
        return existsSync(cache) ? readdirSync(cache).filter((name) => /^cli-.*\.v8$/.test(name)).map((name) => join(cache, name)) : [];
      })
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  /**
   * A fresh home: no settings, no tokens. Its code cache is a copy of the one earlier runs made,
   * as on a machine where the tool has run before (what a first setup of the next name, or any run
   * after the first, finds); `{ codeCache: false }` for a first run ever on the machine.
   */
  const newHome = ({ codeCache = true } = {}) => {
    const warm = codeCache ? warmCodeCache() : undefined;
    const dir = mkdtempSync(join(tmpdir(), 'mmbatch-auth-bench-'));
    homes.push(dir);
    if (warm) {
      mkdirSync(join(dir, 'cache', 'mmbatch-auth'), { recursive: true, mode: 0o700 });
      copyFileSync(warm, join(dir, 'cache', 'mmbatch-auth', warm.split('/').pop()));
    }
    return { XDG_CONFIG_HOME: join(dir, 'config'), XDG_CACHE_HOME: join(dir, 'cache') };
  };
  const settingsOf = (home) => JSON.parse(readFileSync(join(home.XDG_CONFIG_HOME, 'mmbatch-auth', 'config.json'), 'utf8'));

  // The same environment for every contestant: no stray AWS_* or MMBATCH_* of the caller's, no
  // shared AWS config files, the stack's endpoint and test credentials. NODE_OPTIONS and
  // NODE_EXTRA_CA_CERTS stay out too: the latter adds ~40 ms to every Node start, which would hide
  // our own start-up cost in the ratios.
  const env = (extra = {}, on = stack) => ({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    CI: '1',
    NO_COLOR: '1',
    AWS_CONFIG_FILE: join(tmpdir(), 'mmbatch-auth-bench-no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(tmpdir(), 'mmbatch-auth-bench-no-aws-credentials'),
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...on.env(),
    AWS_DEFAULT_REGION: on.region,
    ...extra,
  });
  const ours = (args, { env: extra = {}, stdin = '', stack: on = stack, timeoutMs } = {}) =>
    timeProcess(process.execPath, [pkg.bin, ...args], { env: env(extra, on), stdin, timeoutMs });
  const setupArgs = (name, server) => ['setup', '--yes', '--json', '--name', name, '--admin-email', ADMIN, '--server', server.url];
  const runSetup = async (name, server, home, on = stack) => {
    const result = expectOk(await ours(setupArgs(name, server), { env: { ...home, MMBATCH_AUTH_PASSWORD: PASSWORD }, stack: on }), `mmbatch-auth setup --name ${name}`);
    return { ...result, doc: JSON.parse(result.stdout) };
  };

  return {
    quick,
    runs: (full, quickRuns) => (quick ? quickRuns : full),
    log,
    aws,
    noAws,
    root,
    bin: pkg.bin,
    pkg,
    stack,
    DELAY_MS,
    newStack,
    newServer,
    newHome,
    settingsOf,
    env,
    ours,
    timeProcess,
    interleave,
    median,
    expectOk,
    ADMIN,
    PASSWORD,
    setupArgs,
    runSetup,
    isJwt: (text) => /^[\w-]+\.[\w-]+\.[\w-]+\n$/.test(text),
    report,
    async close() {
      await Promise.allSettled(stops.map((stop) => stop()));
      for (const dir of homes) rmSync(dir, { recursive: true, force: true });
      pkg.remove();
    },
  };
}
