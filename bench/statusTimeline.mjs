// Where `status`'s time goes: spawn → its first AWS call, how far apart its calls leave (one round:
// they should leave together), last answer → exit, from the stack's call log against the process's
// spawn and close. Not a goal row: the tool behind bench/README.md's "Where status's time goes".
//
//   node bench/statusTimeline.mjs                      this checkout's bin/
//   node bench/statusTimeline.mjs --runs 21 a/bin/mmbatch-auth.cjs b/bin/mmbatch-auth.cjs
//                                                      two builds, alternating, in one run
//
// Every AWS call is answered 50 ms late, as in the goal rows; medians of the runs after one warm-up
// (which also leaves each build's code cache in the shared home, as on a machine that ran it before).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStack } from '../test/support/stack.mjs';
import { startMmbatchServer } from '../test/support/mmbatch-server.mjs';
import { median } from './lib/timing.mjs';

const argv = process.argv.slice(2);
const runsFlag = argv.indexOf('--runs');
const runs = runsFlag >= 0 ? Number(argv[runsFlag + 1]) : 15;
const bins = argv.filter((arg, i) => !arg.startsWith('--') && argv[i - 1] !== '--runs');
if (bins.length === 0) bins.push(fileURLToPath(new URL('../bin/mmbatch-auth.cjs', import.meta.url)));

const stack = await startStack({ iamPropagationMs: 0 });
const server = await startMmbatchServer({ issuerFor: (_r, pool) => stack.issuer(pool), jwksUriFor: (_r, pool) => stack.jwksUri(pool) });
const home = mkdtempSync(join(tmpdir(), 'mmbatch-auth-status-timeline-'));
// As the goal rows: no NODE_OPTIONS or NODE_EXTRA_CA_CERTS (the latter alone adds ~40 ms to a start).
const env = { PATH: process.env.PATH, HOME: home, CI: '1', NO_COLOR: '1', ...stack.env(), MMBATCH_SERVER: server.url };
const now = () => performance.timeOrigin + performance.now();

function run(bin, args, stdin = '') {
  return new Promise((resolve, reject) => {
    const spawned = now();
    const child = spawn(process.execPath, [bin, ...args], { env });
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve({ spawned, closed: now() }) : reject(new Error(`${args.join(' ')}: exit ${code}: ${stderr}`))));
    child.stdin.end(stdin);
  });
}

try {
  await run(bins[0], ['setup', '--yes', '--admin-email', 'timeline@example.com', '--admin-password-stdin'], 'Timeline-Pass-9!');
  stack.setDelay(50);
  const samples = bins.map(() => ({ first: [], spread: [], after: [], total: [] }));
  for (let i = 0; i <= runs; i++) {
    const order = i % 2 ? [...bins.keys()].reverse() : [...bins.keys()];
    for (const b of order) {
      stack.resetCalls();
      const { spawned, closed } = await run(bins[b], ['status']);
      const calls = stack.calls;
      if (calls.length === 0) throw new Error('status made no AWS call');
      if (i === 0) continue; // warm-up
      const starts = calls.map((call) => call.start);
      samples[b].first.push(Math.min(...starts) - spawned);
      samples[b].spread.push(Math.max(...starts) - Math.min(...starts));
      samples[b].after.push(closed - Math.max(...calls.map((call) => call.end)));
      samples[b].total.push(closed - spawned);
    }
  }
  const ms = (values) => `${median(values).toFixed(1)} ms`;
  console.log(`status, 50 ms per AWS call, medians of ${runs} alternating runs`);
  console.log('| build | spawn → first call | first → last call leaves | last answer → exit | total |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const [b, bin] of bins.entries()) {
    const s = samples[b];
    console.log(`| ${bin} | ${ms(s.first)} | ${ms(s.spread)} | ${ms(s.after)} | ${ms(s.total)} |`);
  }
} finally {
  await server.stop();
  await stack.stop();
  rmSync(home, { recursive: true, force: true });
}
