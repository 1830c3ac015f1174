// A reader that goes away (`mmbatch-auth status | head -1`) ends a command quietly: no stack
// trace, nothing on stderr but what the command itself says, and the command's own exit code.
// The real binary, its stdout a pipe whose reading end is closed before it writes a byte.
import { spawn } from 'node:child_process';
// @ts-expect-error: plain JS test support
import { BIN } from './support/cli.mjs';
import { startWorld, type SetUpWorld } from './support/world.js';

let world: SetUpWorld;

beforeAll(async () => {
  world = await startWorld({ setup: true });
  // Enough users that `users list` writes more than one line, well after the reader left.
  for (const email of ['a@example.com', 'b@example.com']) {
    const added = await world.cli(['users', 'add', email]);
    if (added.code !== 0) throw new Error(added.stderr);
  }
});

afterAll(() => world?.stop());

/** A shell pipeline's exit status (pipefail), stdout and stderr; asynchronous, as the stack runs in this process. */
function shell(script: string, env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', `set -o pipefail; ${script}`], { env: { PATH: process.env.PATH, HOME: process.env.HOME, CI: '1', NO_COLOR: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Runs the binary with stdout's reader gone from the start; returns its exit code and stderr. */
function withClosedStdout(args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, CI: '1', NO_COLOR: '1', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
    child.stdin.end();
  });
}

test.each([
  [['status'], 0],
  [['users', 'list'], 0],
  [['users', 'list', '--json'], 0],
  [['server', 'status'], 0],
  [['--help'], 0],
  [['completion', 'bash'], 0],
  [['token'], 0],
])('%j with a closed stdout: its exit code (%i), no trace', async (args, code) => {
  const result = await withClosedStdout(args, world.env());
  expect(result).toEqual({ code, stderr: '' });
});

test('drift found: status still exits 5, and says so on stderr, with its reader gone', async () => {
  const result = await withClosedStdout(['status', '--name', 'nothing-here'], world.env());
  expect(result.code).toBe(5);
  expect(result.stderr).toMatch(/^mmbatch-auth: \d+ missing.* \(of \d+ resources of the setup 'nothing-here'\)\n/);
  expect(result.stderr).not.toMatch(/EPIPE|at \w+ \(/);
});

test('as a shell runs it: `status | head -1` and `users list | head -1` print one line and exit 0', async () => {
  for (const command of ['status', 'users list']) {
    const result = await shell(`"${process.execPath}" "${BIN}" ${command} | head -1`, world.env());
    expect({ command, status: result.status, stderr: result.stderr, lines: result.stdout.split('\n').filter(Boolean).length }).toEqual({ command, status: 0, stderr: '', lines: 1 });
  }
});
