#!/usr/bin/env node
// `npm run bench`: the goals table of issue 5, measured side by side in one run against the local
// stack. Each row times our command and its baseline as whole processes, interleaved, after a
// warm-up, and compares medians; the exit code is 1 when any goal is missed.
//
//   node bench/run.mjs [--quick] [--rows 1,2,3,4,5,6] [--no-aws]
//
// The CLI measured is the packed and installed package (row 6 makes it), so every row runs what
// `npx mmbatch-auth` runs, and a rebuild of the shared dist/ meanwhile changes nothing here.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStack } from '../test/support/stack.mjs';
import { startMmbatchServer } from '../test/support/mmbatch-server.mjs';
import { containsAwsSdk, staticClosure } from './lib/imports.mjs';
import { packAndInstall } from './lib/package.mjs';
import { expectOk, interleave, median, timeProcess } from './lib/timing.mjs';
import { sequentialWaves } from './lib/waves.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const rowsFlag = argv.indexOf('--rows');
const rows = new Set((rowsFlag >= 0 ? argv[rowsFlag + 1] : '1,2,3,4,5,6').split(',').map(Number));
const RUNS = quick
  ? { cached: 10, help: 10, fresh: 8, awsFresh: 4, setupRounds: 3, againPerRound: 2 }
  : { cached: 30, help: 30, fresh: 20, awsFresh: 10, setupRounds: 7, againPerRound: 3 };
const DELAY_MS = 50;
const ADMIN = 'bench-admin@example.com';
const PASSWORD = 'Bench-Pass-123!';

const log = (line) => process.stderr.write(`${line}\n`);
process.on('SIGINT', () => process.exit(130)); // 'exit' handlers stop the stack's processes

/** The AWS CLI's real executable: a pyenv shim adds ~70 ms of bash per call, which is not the CLI's. */
function findAwsCli() {
  if (argv.includes('--no-aws')) return undefined;
  // --aws-cli <path> picks one (e.g. /usr/bin/aws, Debian's AWS CLI v2, beside a pip-installed v1).
  const chosen = argv.indexOf('--aws-cli');
  if (chosen >= 0 && argv[chosen + 1]) return argv[chosen + 1];
  const onPath = process.env.PATH?.split(delimiter).map((dir) => join(dir, 'aws')).find((file) => existsSync(file));
  if (!onPath) return undefined;
  if (onPath.includes(`${join('.pyenv', 'shims')}`)) {
    try {
      return execFileSync('pyenv', ['which', 'aws'], { encoding: 'utf8' }).trim();
    } catch {
      return onPath;
    }
  }
  return onPath;
}

// ---------------------------------------------------------------------------------------------
// The results table
/** @type {{ row: string, ours: string, baseline: string, ratio: string, goal: string, pass: boolean | undefined, note?: string }[]} */
const results = [];
const ms = (value) => `${Math.round(value)} ms`;
/**
 * @param {string} row
 * @param {{ ours: number[], baseline: number[], against: string, goal: number, pass?: boolean, note?: string }} figures
 *   pass: false fails the row whatever the ratio (a check beside the timing, e.g. write calls)
 */
function ratioRow(row, { ours, baseline, against, goal, pass = true, note }) {
  const ratio = median(ours) / median(baseline);
  results.push({
    row,
    ours: `${ms(median(ours))} (n=${ours.length})`,
    baseline: `${ms(median(baseline))} (n=${baseline.length}) ${against}`,
    ratio: ratio.toFixed(3),
    goal: `≤ ${goal}`,
    pass: ratio <= goal && pass,
    note,
  });
  log(`  → ${row}: ${ms(median(ours))} vs ${ms(median(baseline))}, ratio ${ratio.toFixed(3)} (goal ≤ ${goal})`);
}
function skipRow(row, baseline, goal, note) {
  results.push({ row, ours: '-', baseline, ratio: '-', goal, pass: undefined, note });
}

// ---------------------------------------------------------------------------------------------
const aws = findAwsCli();
const noAws = argv.includes('--no-aws') ? 'not used (--no-aws)' : 'no `aws` on PATH';
const awsVersion = () => {
  try {
    return execFileSync(aws, ['--version'], { encoding: 'utf8' }).trim().split(' ')[0];
  } catch {
    return 'version unknown';
  }
};
log(`mmbatch-auth bench${quick ? ' (quick)' : ''}: node ${process.version}, AWS CLI ${aws ? `${aws} (${awsVersion()})` : `${noAws}: its rows are skipped`}`);

log('packing and installing the package (row 6; the other rows run the installed copy)');
const pkg = await packAndInstall(ROOT);
const BIN = pkg.bin;
if (rows.has(6)) {
  const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
  results.push({
    row: '6. npm install of the packed package',
    ours: `${pkg.packages} package, ${mib(pkg.disk)} (${mib(pkg.bytes)} in files; tarball ${(pkg.tarballBytes / 1024).toFixed(0)} KiB)`,
    baseline: '53 packages, 29 MB (issue 5)',
    ratio: '-',
    goal: '≤ 5 packages, ≤ 3 MiB',
    pass: pkg.packages <= 5 && pkg.disk <= 3 * 1024 * 1024,
  });
}

const stack = await startStack().catch((error) => {
  pkg.remove();
  throw error;
});
/** Mmbatch servers started for one run each, stopped at the end. */
const servers = [];
const newServer = async () => {
  const server = await startMmbatchServer({ issuerFor: (_r, poolId) => stack.issuer(poolId), jwksUriFor: (_r, poolId) => stack.jwksUri(poolId) });
  servers.push(server);
  return server;
};
const homes = [];
const newHome = () => {
  const dir = mkdtempSync(join(tmpdir(), 'mmbatch-auth-bench-'));
  homes.push(dir);
  return { XDG_CONFIG_HOME: join(dir, 'config'), XDG_CACHE_HOME: join(dir, 'cache') };
};
const settingsOf = (home) => JSON.parse(readFileSync(join(home.XDG_CONFIG_HOME, 'mmbatch-auth', 'config.json'), 'utf8'));

// The same environment for every contestant: no stray AWS_* or MMBATCH_* of the caller's, no
// shared AWS config files, the stack's endpoint and test credentials. NODE_OPTIONS and
// NODE_EXTRA_CA_CERTS stay out too: the latter adds ~40 ms to every Node start, which would hide
// our own start-up cost in the ratios.
const baseEnv = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  CI: '1',
  NO_COLOR: '1',
  AWS_CONFIG_FILE: join(tmpdir(), 'mmbatch-auth-bench-no-aws-config'),
  AWS_SHARED_CREDENTIALS_FILE: join(tmpdir(), 'mmbatch-auth-bench-no-aws-credentials'),
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  ...stack.env(),
  AWS_DEFAULT_REGION: stack.region,
};
const ours = (args, env = {}, stdin = '') => timeProcess(process.execPath, [BIN, ...args], { env: { ...baseEnv, ...env }, stdin });
const setupArgs = (name, server) => ['setup', '--yes', '--json', '--name', name, '--admin-email', ADMIN, '--server', server.url];
const isJwt = (text) => /^[\w-]+\.[\w-]+\.[\w-]+\n$/.test(text);

async function runSetup(name, server, home) {
  const result = expectOk(await ours(setupArgs(name, server), { ...home, MMBATCH_AUTH_PASSWORD: PASSWORD }), `mmbatch-auth setup --name ${name}`);
  return { ...result, doc: JSON.parse(result.stdout) };
}

try {
  // The pool the token rows sign in to, set up the usual way: it leaves a cached admin token.
  const tokenServer = await newServer();
  const tokenHome = newHome();
  await runSetup('bench-token', tokenServer, tokenHome);
  const tokenTarget = settingsOf(tokenHome);

  // -------------------------------------------------------------------------------------------
  if (rows.has(1)) {
    log(`row 1: token with a cached token vs node -e 0 (${RUNS.cached} runs each)`);
    const before = stack.calls.length;
    const samples = await interleave(RUNS.cached, {
      ours: async () => {
        const result = expectOk(await ours(['token'], tokenHome), 'mmbatch-auth token');
        if (!isJwt(result.stdout)) throw new Error(`token printed ${JSON.stringify(result.stdout)}`);
        return result.ms;
      },
      node: async () => expectOk(await timeProcess(process.execPath, ['-e', '0'], { env: baseEnv }), 'node -e 0').ms,
    });
    const calls = stack.calls.length - before;
    ratioRow('1. `token`, cached token', {
      ours: samples.ours,
      baseline: samples.node,
      against: 'node -e 0',
      goal: 1.3,
      pass: calls === 0,
      note: calls ? `${calls} AWS calls: the cache was not used` : 'no AWS call',
    });
  }

  // -------------------------------------------------------------------------------------------
  if (rows.has(2)) {
    log(`row 2: token, fresh sign-in vs a one-call SDK script (${RUNS.fresh} runs each)`);
    const sdkEnv = {
      ...baseEnv,
      BENCH_USER_POOL_ID: tokenTarget.userPoolId,
      BENCH_CLIENT_ID: tokenTarget.clientId,
      BENCH_USERNAME: ADMIN,
      BENCH_PASSWORD: PASSWORD,
    };
    const freshToken = async () => {
      const result = expectOk(await ours(['token', '--no-cache'], { ...tokenHome, MMBATCH_AUTH_PASSWORD: PASSWORD }), 'mmbatch-auth token --no-cache');
      if (!isJwt(result.stdout)) throw new Error(`token printed ${JSON.stringify(result.stdout)}`);
      return result.ms;
    };
    const samples = await interleave(RUNS.fresh, {
      ours: freshToken,
      sdk: async () => {
        const result = expectOk(await timeProcess(process.execPath, [join(ROOT, 'bench', 'sdk-admin-auth.mjs')], { env: sdkEnv, cwd: ROOT }), 'the SDK script');
        if (!isJwt(result.stdout)) throw new Error(`the SDK script printed ${JSON.stringify(result.stdout)}`);
        return result.ms;
      },
    });
    ratioRow('2a. `token`, fresh sign-in', { ours: samples.ours, baseline: samples.sdk, against: 'one-call SDK script', goal: 1.5 });

    if (aws) {
      log(`row 2b: token, fresh sign-in vs aws cognito-idp admin-initiate-auth (${RUNS.awsFresh} runs each)`);
      const awsSamples = await interleave(RUNS.awsFresh, {
        ours: freshToken,
        aws: async () => {
          const result = expectOk(
            await timeProcess(
              aws,
              ['--endpoint-url', stack.endpoint, '--output', 'text', 'cognito-idp', 'admin-initiate-auth', '--user-pool-id', tokenTarget.userPoolId, '--client-id', tokenTarget.clientId, '--auth-flow', 'ADMIN_USER_PASSWORD_AUTH', '--auth-parameters', `USERNAME=${ADMIN},PASSWORD=${PASSWORD}`, '--query', 'AuthenticationResult.AccessToken'],
              { env: baseEnv },
            ),
            'aws cognito-idp admin-initiate-auth',
          );
          if (!isJwt(result.stdout)) throw new Error(`the AWS CLI printed ${JSON.stringify(result.stdout)}`);
          return result.ms;
        },
      });
      ratioRow('2b. `token`, fresh sign-in', { ours: awsSamples.ours, baseline: awsSamples.aws, against: 'aws admin-initiate-auth', goal: 0.35 });
    } else skipRow('2b. `token`, fresh sign-in', 'aws admin-initiate-auth', '≤ 0.35', noAws);
  }

  // -------------------------------------------------------------------------------------------
  if (rows.has(3)) {
    log(`row 3: --help vs node -e 0 (${RUNS.help} runs each)`);
    const distDir = join(dirname(BIN), '..', 'dist');
    const loaded = staticClosure([BIN, join(distDir, 'cli.mjs')]);
    const sdk = containsAwsSdk(loaded.files);
    const samples = await interleave(RUNS.help, {
      ours: async () => {
        const result = expectOk(await ours(['--help']), 'mmbatch-auth --help');
        if (!result.stdout.includes('Usage: mmbatch-auth')) throw new Error('--help printed no usage');
        return result.ms;
      },
      node: async () => expectOk(await timeProcess(process.execPath, ['-e', '0'], { env: baseEnv }), 'node -e 0').ms,
    });
    ratioRow('3. `--help`', {
      ours: samples.ours,
      baseline: samples.node,
      against: 'node -e 0',
      goal: 1.5,
      pass: !sdk,
      note: `loads ${loaded.files.length} files, ${(loaded.bytes / 1024).toFixed(0)} KiB${sdk ? ', INCLUDING THE AWS SDK' : ', no AWS SDK'}`,
    });
  }

  // -------------------------------------------------------------------------------------------
  if (rows.has(4) || rows.has(5)) {
    // The home that "setup again" re-runs in, set up once before the clock starts.
    const againServer = await newServer();
    const againHome = newHome();
    await runSetup('bench-again', againServer, againHome);

    stack.setDelay(DELAY_MS);
    log(`rows 4-5: setup from nothing / again vs the AWS CLI walkthrough, every AWS call delayed ${DELAY_MS} ms (${RUNS.setupRounds} rounds)`);
    let writes = 0; // by the "again" runs, each counted alone
    const samples = await interleave(RUNS.setupRounds, {
      fromNothing: async (round) => {
        const server = await newServer();
        const { ms: took, doc } = await runSetup(`bench-new-${round < 0 ? 'w' : round}`, server, newHome());
        if (!doc.changes.every((change) => change.action === 'created') || !doc.server?.enabled) {
          throw new Error(`setup from nothing did not create everything: ${JSON.stringify(doc.changes)}`);
        }
        return took;
      },
      // Cheap next to the walkthrough: a few runs per round.
      again: async () => {
        const took = [];
        for (let i = 0; i < RUNS.againPerRound; i++) {
          stack.resetCalls();
          const result = await runSetup('bench-again', againServer, againHome);
          if (!result.doc.changes.every((change) => change.action === 'unchanged')) throw new Error(`setup again changed things: ${JSON.stringify(result.doc.changes)}`);
          writes += stack.writeCalls().length;
          took.push(result.ms);
        }
        return took;
      },
      ...(aws
        ? {
            walkthrough: async (round) => {
              const server = await newServer();
              const result = expectOk(
                await timeProcess('bash', [join(ROOT, 'bench', 'walkthrough.sh')], {
                  env: { ...baseEnv, AWS_BIN: aws, NAME: `walk-${round < 0 ? 'w' : round}`, ADMIN_EMAIL: ADMIN, ADMIN_PASSWORD: PASSWORD, MMBATCH_SERVER: server.url },
                }),
                'the AWS CLI walkthrough',
              );
              if (server.config.security?.cognito?.enabled !== true) throw new Error('the walkthrough did not enable Cognito on the server');
              return result.ms;
            },
          }
        : {}),
    });

    // The critical path, counted: with a long delay, calls that wait for each other are far apart.
    const WAVE_DELAY_MS = 300;
    stack.setDelay(WAVE_DELAY_MS);
    stack.resetCalls();
    await runSetup('bench-path', await newServer(), newHome());
    const pathFromNothing = sequentialWaves(stack.calls, WAVE_DELAY_MS);
    stack.resetCalls();
    await runSetup('bench-again', againServer, againHome);
    const pathAgain = sequentialWaves(stack.calls, WAVE_DELAY_MS);
    stack.setDelay(0);
    const describeWaves = (waves) => waves.map((wave, i) => `    ${i + 1}. ${wave.join(', ')}`).join('\n');
    log(`  critical path, setup from nothing: ${pathFromNothing.length} sequential AWS calls\n${describeWaves(pathFromNothing)}`);
    log(`  critical path, setup again: ${pathAgain.length} sequential AWS calls\n${describeWaves(pathAgain)}`);

    const pathNote = (waves) => `critical path: ${waves.length} sequential AWS calls (of ${waves.flat().length})`;
    if (aws) {
      const against = 'AWS CLI walkthrough';
      if (rows.has(4)) {
        ratioRow(`4. \`setup\` from nothing, ${DELAY_MS} ms per AWS call`, { ours: samples.fromNothing, baseline: samples.walkthrough, against, goal: 0.15, note: pathNote(pathFromNothing) });
      }
      if (rows.has(5)) {
        ratioRow(`5. \`setup\` again, ${DELAY_MS} ms per AWS call`, { ours: samples.again, baseline: samples.walkthrough, against, goal: 0.05, pass: writes === 0, note: `${writes} write calls; ${pathNote(pathAgain)}` });
      }
    } else {
      if (rows.has(4)) skipRow('4. `setup` from nothing', 'AWS CLI walkthrough', '≤ 0.15', `${noAws}; ours ${ms(median(samples.fromNothing))}`);
      if (rows.has(5)) {
        results.push({ row: '5. `setup` again', ours: ms(median(samples.again)), baseline: 'AWS CLI walkthrough', ratio: '-', goal: '≤ 0.05, zero writes', pass: writes === 0, note: `${writes} write calls; no ratio: ${noAws}` });
      }
    }
  }
} finally {
  await Promise.allSettled(servers.map((server) => server.stop()));
  await stack.stop();
  for (const dir of homes) rmSync(dir, { recursive: true, force: true });
  pkg.remove();
}

// ---------------------------------------------------------------------------------------------
const mark = (pass) => (pass === undefined ? 'skipped' : pass ? 'pass' : 'FAIL');
results.sort((a, b) => parseFloat(a.row) - parseFloat(b.row) || a.row.localeCompare(b.row));
const lines = [
  '| what | ours (median) | baseline (median) | ratio | goal | result |',
  '| --- | --- | --- | --- | --- | --- |',
  ...results.map((r) => `| ${r.row} | ${r.ours} | ${r.baseline} | ${r.ratio} | ${r.goal} | ${mark(r.pass)}${r.note ? `: ${r.note}` : ''} |`),
];
process.stdout.write(`\n${lines.join('\n')}\n`);
const failed = results.filter((r) => r.pass === false);
if (failed.length) {
  process.stdout.write(`\n${failed.length} goal${failed.length > 1 ? 's' : ''} missed.\n`);
  process.exitCode = 1;
} else process.stdout.write('\nEvery goal met.\n');
