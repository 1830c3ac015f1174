// Where a fresh `token`'s time goes: spawn → first call, between the calls, last answer → exit,
// from the stack's call log (each call's arrival and answer) against the process's spawn and close.
// Not a goal row: the tool behind bench/README.md's "Where a fresh token's time goes" table.
//
//   node bench/tokenTimeline.mjs                      SRP sign-in, this checkout's bin/
//   node bench/tokenTimeline.mjs --refresh            renewal by the refresh token instead
//   node bench/tokenTimeline.mjs --runs 30 a/bin/mmbatch-auth.cjs b/bin/mmbatch-auth.cjs
//                                                     two builds, alternating, in one run
//
// Every AWS call is answered 50 ms late, as in the goal rows; medians of the runs after one warm-up.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStack } from '../test/support/stack.mjs';
import { startMmbatchServer } from '../test/support/mmbatch-server.mjs';

const argv = process.argv.slice(2);
const refresh = argv.includes('--refresh');
const runsFlag = argv.indexOf('--runs');
const runs = runsFlag >= 0 ? Number(argv[runsFlag + 1]) : 15;
const bins = argv.filter((arg, i) => !arg.startsWith('--') && argv[i - 1] !== '--runs');
if (bins.length === 0) bins.push(fileURLToPath(new URL('../bin/mmbatch-auth.cjs', import.meta.url)));
const PASSWORD = 'Timeline-Pass-9!';

const stack = await startStack({ iamPropagationMs: 0 });
const server = await startMmbatchServer({ issuerFor: (_r, pool) => stack.issuer(pool), jwksUriFor: (_r, pool) => stack.jwksUri(pool) });
const home = mkdtempSync(join(tmpdir(), 'mmbatch-auth-timeline-'));
// As the goal rows: no NODE_OPTIONS or NODE_EXTRA_CA_CERTS (the latter alone adds ~40 ms to a start).
const env = { PATH: process.env.PATH, HOME: home, CI: '1', NO_COLOR: '1', ...stack.env(), MMBATCH_SERVER: server.url };
const now = () => performance.timeOrigin + performance.now();

function run(bin, args, extraEnv, stdin = '') {
  return new Promise((resolve, reject) => {
    const spawned = now();
    const child = spawn(process.execPath, [bin, ...args], { env: { ...env, ...extraEnv } });
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve({ spawned, closed: now() }) : reject(new Error(`${args.join(' ')}: exit ${code}: ${stderr}`))));
    child.stdin.end(stdin);
  });
}

try {
  await run(bins[0], ['setup', '--yes', '--admin-email', 'timeline@example.com', '--admin-password-stdin'], {}, PASSWORD);
  const cacheDir = join(home, '.cache', 'mmbatch-auth');
  const tokenFiles = () => readdirSync(cacheDir).filter((name) => /^token-\w+\.json$/.test(name)).map((name) => join(cacheDir, name));
  const kept = new Map(tokenFiles().map((file) => [file, readFileSync(file, 'utf8')]));
  const prepare = () => {
    for (const [file, text] of kept) {
      if (refresh) writeFileSync(file, JSON.stringify({ ...JSON.parse(text), expiresAt: Date.now() - 1000 }), { mode: 0o600 });
      else rmSync(file, { force: true });
    }
  };
  stack.setDelay(50);
  const samples = bins.map(() => ({ first: [], between: [], after: [], total: [] }));
  for (let i = 0; i <= runs; i++) {
    for (const [b, bin] of bins.entries()) {
      prepare();
      stack.resetCalls();
      const { spawned, closed } = await run(bin, ['token'], refresh ? {} : { MMBATCH_AUTH_PASSWORD: PASSWORD });
      const calls = stack.calls;
      const expected = refresh ? 'InitiateAuth' : 'InitiateAuth,RespondToAuthChallenge';
      if (calls.map((call) => call.operation).join() !== expected) throw new Error(`unexpected calls: ${calls.map((call) => call.operation).join()}`);
      if (i === 0) continue; // warm-up
      samples[b].first.push(calls[0].start - spawned);
      if (calls[1]) samples[b].between.push(calls[1].start - calls[0].end);
      samples[b].after.push(closed - calls[calls.length - 1].end);
      samples[b].total.push(closed - spawned);
    }
  }
  const median = (values) => {
    if (values.length === 0) return '-';
    const sorted = [...values].sort((x, y) => x - y);
    return `${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms`;
  };
  console.log(`${refresh ? 'refresh' : 'SRP sign-in'}, 50 ms per AWS call, medians of ${runs} alternating runs`);
  console.log('| build | spawn → first call | between the calls | last answer → exit | total |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const [b, bin] of bins.entries()) {
    const s = samples[b];
    console.log(`| ${bin} | ${median(s.first)} | ${median(s.between)} | ${median(s.after)} | ${median(s.total)} |`);
  }
} finally {
  await server.stop();
  await stack.stop();
  rmSync(home, { recursive: true, force: true });
}
