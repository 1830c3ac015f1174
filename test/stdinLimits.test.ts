// stdin is read whole (a password, a people list, a request body), so it is read to a limit:
// `yes | mmbatch-auth token --password-stdin`, or /dev/zero, must end at once with one line and
// exit 2, not grow until the machine runs out of memory. The real binary; no AWS call is reached.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitCode } from '../src/errors.js';
// @ts-expect-error: plain JS test support
import { runCli } from './support/cli.mjs';

const home = mkdtempSync(join(tmpdir(), 'mmbatch-auth-stdin-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const env = { HOME: home, AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_EC2_METADATA_DISABLED: 'true' };

test('a password on stdin of 17 MiB (`yes |`): exit 2, one line, nothing sent', async () => {
  const result = await runCli(['token', '--password-stdin', '--user-pool-id', 'us-east-1_Abcdef123', '--client-id', 'abc123def456', '--username', 'a@example.com'], {
    env,
    stdin: 'y\n'.repeat(17 * 512 * 1024),
  });
  expect(result.code).toBe(ExitCode.usage);
  expect(result.stdout).toBe('');
  expect(result.stderr.trim().split('\n')).toEqual(['mmbatch-auth: stdin holds more than 16 MiB: nothing read from it is used']);
});

test('a people list on stdin over 1 MiB: exit 2, split it, nobody added', async () => {
  const lines = Array.from({ length: 60_000 }, (_, i) => `person${i}@example.com`).join('\n');
  const result = await runCli(['users', 'add', '--from', '-', '--user-pool-id', 'us-east-1_Abcdef123'], { env, stdin: lines });
  expect(result.code).toBe(ExitCode.usage);
  expect(result.stderr).toContain('the list on stdin is larger than 1 MiB: split it');
});
