// The wizard as a person meets it, on a real pseudo-terminal (test/support/pty.mjs) with the real
// binary: from an empty environment (no region, no settings, a self-signed server) to a working
// server, every answer asked before the first write, one confirmation; then teardown, whose
// password prompt is not hidden behind the spinner.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startWorld, type World } from './support/world.js';
// @ts-expect-error: plain JS test support
import { runInPty } from './support/pty.mjs';
// @ts-expect-error: plain JS test support
import { runCli, tempHome } from './support/cli.mjs';

const ADMIN = 'wizard@example.com';
const PASSWORD = 'Wizard-Test-Pass-123!';
const FRAMES = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/;

let world: World;
const home = tempHome();

beforeAll(async () => {
  world = await startWorld({ tls: true });
});

afterAll(async () => {
  home.cleanup();
  await world?.stop();
});

/** What a fresh machine has: AWS credentials, no region anywhere (no AWS_REGION, no profile), no settings. */
function emptyEnvironment(): Record<string, string> {
  const env: Record<string, string> = { ...world.stack.env(), ...home.env, HOME: home.dir, CI: '', AWS_CONFIG_FILE: join(home.dir, 'no-aws-config'), AWS_SHARED_CREDENTIALS_FILE: join(home.dir, 'no-aws-credentials') };
  delete env.AWS_REGION;
  delete env.AWS_DEFAULT_REGION;
  return env;
}

test('the wizard from an empty environment to a working server: asks the region, shows the certificate, trusts it, checks the password as it is typed, confirms once', async () => {
  const server = world.server;
  const pty = runInPty(['setup'], { env: emptyEnvironment(), cols: 140, rows: 40, timeoutMs: 90_000 });
  await pty.expect('AWS region');
  await pty.expect('❯ us-east-1');
  pty.sendKey('enter');
  await pty.expect('E-mail of the first MMBatch admin');
  pty.sendLine(ADMIN);
  await pty.expect('URL of the MMBatch server');
  pty.sendLine(server.url);
  // The certificate as ssh shows a host key: its fingerprint and subject, asked once.
  await pty.expect(`SHA-256      ${server.fingerprint()}`);
  await pty.expect('Trust this certificate');
  expect(world.stack.calls.filter((call: any) => call.cli)).toEqual([]); // nothing asked of AWS yet
  pty.sendLine('y');
  // No temporary-password choice: with a server, setup needs the password to sign the switch.
  const prompt = await pty.expect(/Password for wizard@example\.com \(([^)]*)\)/);
  expect(prompt[1]).not.toMatch(/temporary/);
  pty.sendLine('short');
  await pty.expect('the password needs at least 14 characters');
  for (let i = 0; i < 'short'.length; i++) pty.sendKey('backspace');
  pty.sendLine(PASSWORD);
  await pty.expect('The same password again');
  pty.sendLine(PASSWORD);
  // MFA: what `required` asks of the web UI is said, and the default (optional) taken.
  await pty.expect('MMBatch web UI must');
  await pty.expect('MFA for this user pool');
  pty.sendKey('enter');
  // One summary and one confirmation, before the first write.
  await pty.expect('AWS account  000000000000, region us-east-1');
  await pty.expect(/acting as {4}arn:aws:iam::000000000000:user\//);
  await pty.expect(`server       ${server.url}`);
  await pty.expect('create user pool');
  await pty.expect('Go ahead?');
  expect(world.stack.writeCalls()).toEqual([]);
  pty.sendLine('');
  // MFA is optional: the first admin is offered an authenticator before the server is switched (not now).
  await pty.expect('Set up an authenticator app for wizard@example.com now?');
  pty.sendLine('n');
  expect(await pty.exit()).toEqual({ code: 0, signal: null });
  const { text } = pty.output();
  expect(text).toContain('Cognito is set up for MMBatch');
  expect(text).not.toContain(PASSWORD);

  // The server now uses the new pool, and the certificate is kept for every later command.
  const record = JSON.parse(readFileSync(home.settingsFile, 'utf8')).setups.mmbatch;
  expect(server.config.security.cognito).toMatchObject({ enabled: true, userPoolID: record.resources.userPool.id });
  expect(record.region).toBe('us-east-1');
  expect(record.server).toEqual({ url: server.url, caCert: server.certificatePem() });
  const env = { ...world.stack.env(), ...home.env };
  const api = await runCli(['api', 'GET', '/api/v1/config'], { env });
  expect(api).toMatchObject({ code: 0, stderr: '' });
  expect(JSON.parse(api.stdout).security.cognito.userPoolID).toBe(record.resources.userPool.id);
  const status = await runCli(['server', 'status', '--json'], { env });
  expect(status.code).toBe(0);
  expect(JSON.parse(status.stdout)).toMatchObject({ enabled: true });
});

test('teardown on a terminal: the password prompt is shown, no spinner drawn over it', async () => {
  // No cached token: the admin's password is needed to turn Cognito off on the server first.
  rmSync(home.env.XDG_CACHE_HOME, { recursive: true, force: true });
  expect(existsSync(home.settingsFile)).toBe(true);
  const env = { ...world.stack.env(), ...home.env, HOME: home.dir, CI: '' };
  const pty = runInPty(['teardown'], { env, cols: 140, rows: 40, timeoutMs: 90_000 });
  await pty.expect('This cannot be undone');
  pty.sendLine('y');
  await pty.expect(`Password for ${ADMIN}:`);
  const shownAt = pty.output().raw.length;
  await new Promise((resolve) => setTimeout(resolve, 600)); // several spinner frames' worth (80 ms each)
  const meanwhile = pty.output().raw.slice(shownAt);
  expect(meanwhile).not.toMatch(FRAMES);
  expect(meanwhile).not.toContain('\x1b[2K'); // nor the prompt's line cleared
  pty.sendLine(PASSWORD);
  expect(await pty.exit()).toEqual({ code: 0, signal: null });
  expect(pty.output().text).toContain('is gone from the settings file');
  expect(world.server.config.security.cognito.enabled).toBe(false);
});
