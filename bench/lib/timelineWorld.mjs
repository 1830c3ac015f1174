// What the timeline tools (tokenTimeline.mjs, statusTimeline.mjs) share: their command line (builds
// to compare, --runs), a local stack and stand-in server in one fresh home, and a timed run of a
// build against them, the spawn and close times on the stack's clock (performance.timeOrigin-based,
// as the call log's start and end).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStack } from '../../test/support/stack.mjs';
import { startMmbatchServer } from '../../test/support/mmbatch-server.mjs';

export const PASSWORD = 'Timeline-Pass-9!';

/** `[--runs N] [bin ...]`: the builds to alternate (default this checkout's), and how many runs each. */
export function timelineArgs(argv = process.argv.slice(2)) {
  const runsFlag = argv.indexOf('--runs');
  const runs = runsFlag >= 0 ? Number(argv[runsFlag + 1]) : 15;
  const bins = argv.filter((arg, i) => !arg.startsWith('--') && argv[i - 1] !== '--runs');
  if (bins.length === 0) bins.push(fileURLToPath(new URL('../../bin/mmbatch-auth.cjs', import.meta.url)));
  return { runs, bins, flags: new Set(argv.filter((arg) => arg.startsWith('--'))) };
}

export async function startTimelineWorld() {
  const stack = await startStack({ iamPropagationMs: 0 });
  const server = await startMmbatchServer({ issuerFor: (_r, pool) => stack.issuer(pool), jwksUriFor: (_r, pool) => stack.jwksUri(pool) });
  const home = mkdtempSync(join(tmpdir(), 'mmbatch-auth-timeline-'));
  // As the goal rows: no NODE_OPTIONS or NODE_EXTRA_CA_CERTS (the latter alone adds ~40 ms to a start).
  const env = { PATH: process.env.PATH, HOME: home, CI: '1', NO_COLOR: '1', ...stack.env(), MMBATCH_SERVER: server.url };
  const now = () => performance.timeOrigin + performance.now();
  /** @param {string} bin @param {string[]} args @param {Record<string, string>} [extraEnv] @param {string} [stdin] */
  const run = (bin, args, extraEnv = {}, stdin = '') =>
    new Promise((resolve, reject) => {
      const spawned = now();
      const child = spawn(process.execPath, [bin, ...args], { env: { ...env, ...extraEnv } });
      let stderr = '';
      child.stdout.resume();
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve({ spawned, closed: now() }) : reject(new Error(`${args.join(' ')}: exit ${code}: ${stderr}`))));
      child.stdin.end(stdin);
    });
  /** The usual setup from nothing, as the admin `timeline@example.com`: a cached token, a settings file. */
  const setup = (bin) => run(bin, ['setup', '--yes', '--admin-email', 'timeline@example.com', '--admin-password-stdin'], {}, PASSWORD);
  const stop = async () => {
    await server.stop();
    await stack.stop();
    rmSync(home, { recursive: true, force: true });
  };
  return { stack, home, run, setup, stop };
}
