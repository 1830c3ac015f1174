// Runs the real, built CLI binary as a user's shell would: its own process, env, stdin and exit code.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'bin', 'mmbatch-auth.mjs');

/** Every line any CLI run printed in this process: the secrets test greps it. */
export const transcript = [];

/**
 * runCli(args, { env, stdin, timeoutMs }) → Promise<{ code, stdout, stderr, signal }>
 * stdin: a string to pipe in (stdin is a pipe, never a TTY, as in CI).
 */
export function runCli(args, { env = {}, stdin = '', timeoutMs = 60_000, signalAfterMs, signal = 'SIGINT' } = {}) {
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
    child.on('error', reject);
    child.on('close', (code, sig) => {
      clearTimeout(timer);
      if (killer) clearTimeout(killer);
      transcript.push(`$ mmbatch-auth ${args.join(' ')}`, stdout, stderr);
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
