// The region decides the host a sign-in talks to (https://cognito-idp.<region>.amazonaws.com): a
// region that is not one (`x@127.0.0.1:9999/`, `attacker.example/x`) would send the SRP exchange,
// whose answer lets whoever holds the other end test password guesses offline, to another host.
// Whether it comes from --region, AWS_REGION or the profile, on the lean path or the full CLI, it
// is refused before any connection (exit 2). The AWS SDK checks a region as a host label (for the
// profile's it is the SDK that reads it); our own sign-in client must check too. A plain TCP
// listener stands in for "another host": it counts connections.
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitCode } from '../src/errors.js';
// @ts-expect-error: plain JS test support
import { runCli } from './support/cli.mjs';

let listener: Server;
let port: number;
let connections: number;
const homes: string[] = [];

beforeAll(async () => {
  listener = createServer((socket: Socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  port = (listener.address() as AddressInfo).port;
});

afterAll(async () => {
  for (const home of homes) rmSync(home, { recursive: true, force: true });
  await new Promise((resolve) => listener.close(resolve));
});

beforeEach(() => {
  connections = 0;
});

function home(profileRegion?: string): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'mmbatch-auth-region-'));
  homes.push(dir);
  const env: Record<string, string> = { HOME: dir, MMBATCH_AUTH_PASSWORD: 'Region-Test-Pass-9!', AWS_EC2_METADATA_DISABLED: 'true' };
  if (profileRegion) {
    mkdirSync(join(dir, '.aws'));
    writeFileSync(join(dir, '.aws', 'config'), `[default]\nregion = ${profileRegion}\n`);
  }
  return env;
}

// A pool ID whose prefix is no region (as cognito-local's are): the region must come from elsewhere.
const TARGET = ['--user-pool-id', 'local_Abcdef123', '--client-id', 'abc123def456', '--username', 'admin@example.com'];
const hostile = () => `x@127.0.0.1:${port}/`;

describe.each([
  ['the lean path', [] as string[]],
  ['the full CLI', ['--verbose']],
])('%s', (_path, extra) => {
  test.each([
    ['--region', (region: string) => ({ args: ['--region', region], env: home() })],
    ['AWS_REGION', (region: string) => ({ args: [], env: { ...home(), AWS_REGION: region } })],
    ['the profile', (region: string) => ({ args: [], env: home(region) })],
  ])('a region from %s that is a host: exit 2, no connection anywhere', async (from, make) => {
    const { args, env } = make(hostile());
    const result = await runCli(['token', ...TARGET, ...args, ...extra], { env });
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(from === 'the profile' ? "invalid region in the AWS profile 'default'" : 'invalid region');
    expect(result.code).toBe(ExitCode.usage);
    expect(connections).toBe(0);
  });
});
