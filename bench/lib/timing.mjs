// Wall-clock timing of whole processes, as a user's shell sees them: from spawn to exit, stdout and
// stderr drained. Always asynchronous: the local stack answers from this very process, so a
// blocking spawnSync would stall it.
import { spawn } from 'node:child_process';

/**
 * @typedef {{ ms: number, code: number | null, signal: string | null, stdout: string, stderr: string }} Timed
 * @param {string} command
 * @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, stdin?: string, cwd?: string, timeoutMs?: number }} [options]
 * @returns {Promise<Timed>}
 */
export function timeProcess(command, args, { env = process.env, stdin = '', cwd, timeoutMs = 180_000 } = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { env, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, code, signal, stdout, stderr });
    });
    child.stdin.on('error', () => undefined); // the process may exit before reading stdin
    child.stdin.end(stdin);
  });
}

/** @param {number[]} values */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Runs the contestants of one row in alternating order, `runs` rounds, after one unrecorded
 * warm-up round (round -1), so drifts in machine load hit both sides alike. A contestant returns
 * the milliseconds of its run, or of several runs.
 * @template {string} K
 * @param {number} runs
 * @param {Record<K, (round: number) => Promise<number | number[]>>} contestants
 * @returns {Promise<Record<K, number[]>>}
 */
export async function interleave(runs, contestants) {
  const names = /** @type {K[]} */ (Object.keys(contestants));
  const samples = /** @type {Record<K, number[]>} */ (Object.fromEntries(names.map((name) => [name, []])));
  for (const name of names) await contestants[name](-1);
  for (let round = 0; round < runs; round++) {
    const order = round % 2 ? [...names].reverse() : names;
    for (const name of order) samples[name].push(...[await contestants[name](round)].flat());
  }
  return samples;
}

/** Fails loudly when a contestant did not do its job: a fast wrong answer is no result. */
export function expectOk(/** @type {Timed} */ result, /** @type {string} */ what) {
  if (result.code !== 0) {
    throw new Error(`${what} exited ${result.code ?? result.signal}\n${result.stderr.trim() || result.stdout.trim()}`);
  }
  return result;
}
