// Runs the real, built CLI binary as a user's shell would: its own process, env, stdin and exit code.
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'bin', 'mmbatch-auth.cjs');

/** Every line any CLI run printed in this process: the secrets test greps it. */
export const transcript = [];

/**
 * With MMBATCH_AUTH_TEST_TRANSCRIPT=<file> in the test runner's environment, every run in every
 * test file is appended there too, so everything the suite printed can be grepped after it.
 */
const TRANSCRIPT_FILE = process.env.MMBATCH_AUTH_TEST_TRANSCRIPT;

/**
 * runCli(args, { env, stdin, timeoutMs, signalAfterMs, signalWhen, signal }) → Promise<{ code, stdout, stderr, signal }>
 * stdin: a string to pipe in (stdin is a pipe, never a TTY, as in CI).
 * signalAfterMs: send `signal` that long after the start; signalWhen: send it as soon as the
 * predicate (polled every 5 ms, e.g. on the settings file) returns true.
 */
export function runCli(args, { env = {}, stdin = '', timeoutMs = 60_000, signalAfterMs, signalWhen, signal = 'SIGINT' } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, CI: '1', NO_COLOR: '1', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const killer = signalAfterMs !== undefined ? setTimeout(() => child.kill(signal), signalAfterMs) : undefined;
    const watcher =
      signalWhen !== undefined
        ? setInterval(() => {
            if (child.exitCode === null && signalWhen()) {
              clearInterval(watcher);
              child.kill(signal);
            }
          }, 5)
        : undefined;
    child.on('error', reject);
    child.on('close', (code, sig) => {
      clearTimeout(timer);
      if (killer) clearTimeout(killer);
      if (watcher) clearInterval(watcher);
      transcript.push(`$ mmbatch-auth ${args.join(' ')}`, stdout, stderr);
      // One JSON line per run, so the suite-wide secrets check can tell stdout from stderr.
      if (TRANSCRIPT_FILE) appendFileSync(TRANSCRIPT_FILE, `${JSON.stringify({ args, stdout, stderr })}\n`);
      resolve({ code, stdout, stderr, signal: sig });
    });
    child.stdin.on('error', () => undefined); // the CLI may exit before reading stdin
    child.stdin.end(stdin);
  });
}

/** A private home for one test: its own settings file and token cache. */
export function tempHome() {
  const dir = mkdtempSync(join(tmpdir(), 'mmbatch-auth-test-'));
  return {
    dir,
    env: { XDG_CONFIG_HOME: join(dir, 'config'), XDG_CACHE_HOME: join(dir, 'cache') },
    settingsFile: join(dir, 'config', 'mmbatch-auth', 'config.json'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
