// Recovery paths through their hints, with the real binary: each hint is a command, and running it
// (placeholders filled in) gets the user past the error. A self-signed server trusted with the
// fingerprint the error names; a certificate that changed refused loudly, then trusted again; a
// server that already uses another setup's pool, switched after the `login` the hint names.
import { readFileSync } from 'node:fs';
import { Homes, startWorld, type World } from './support/world.js';
// @ts-expect-error: plain JS test support
import { runCli } from './support/cli.mjs';

let world: World;
const homes = new Homes(() => world);
const home = () => homes.empty();

beforeAll(async () => {
  world = await startWorld({ tls: true, server: false });
});

afterAll(async () => {
  homes.cleanup();
  await world?.stop();
});

/** The hint line's command: what follows `: ` (or the whole line), `printf ... |` kept apart as stdin. */
function hintCommand(stderr: string): { args: string[]; pipesPassword: boolean } {
  const hint = stderr.trim().split('\n')[1] ?? '';
  const command = hint.slice(hint.indexOf('mmbatch-auth ') + 'mmbatch-auth '.length).replace(/[`.]+$/, '');
  return { args: command.split(/\s+/).filter(Boolean), pipesPassword: /printf '%s' "\$PASSWORD" \| mmbatch-auth /.test(hint) };
}

const oneLine = (stderr: string) => {
  const lines = stderr.trim().split('\n');
  expect(lines.length).toBeLessThanOrEqual(2);
  expect(lines[0]).toMatch(/^mmbatch-auth: /);
  expect(stderr).not.toMatch(/\n\s+at /);
  return lines;
};

test('--yes and a self-signed server: exit 4 naming its fingerprint before any AWS call; the hint (with --trust-fingerprint) completes the setup, and later commands need no --ca-cert', async () => {
  const server = await world.startServer({ tls: true });
  const h = home();
  const env = { ...world.stack.env(), ...h.env };
  const args = ['setup', '--yes', '--json', '--name', 'pinned', '--admin-email', 'pin@example.com', '--admin-password-stdin', '--server', server.url];
  world.stack.resetCalls();
  const refused = await runCli(args, { env, stdin: 'Pinned-Test-Pass-123!' });
  expect(refused.code).toBe(4);
  const [message, hint] = oneLine(refused.stderr);
  expect(message).toBe(`mmbatch-auth: cannot verify the TLS certificate of ${server.url} (self-signed); its SHA-256 fingerprint is ${server.fingerprint()}`);
  expect(hint).toContain(`--trust-fingerprint ${server.fingerprint()}`);
  expect(world.stack.calls).toEqual([]);

  const fingerprint = /--trust-fingerprint (\S+),/.exec(hint)![1];
  const trusted = await runCli([...args, '--trust-fingerprint', fingerprint], { env, stdin: 'Pinned-Test-Pass-123!' });
  expect(trusted).toMatchObject({ code: 0, stderr: '' });
  expect(JSON.parse(trusted.stdout).server).toEqual({ url: server.url, enabled: true });
  const record = JSON.parse(readFileSync(h.settingsFile, 'utf8')).setups.pinned;
  expect(record.server.caCert).toBe(server.certificatePem());
  // The kept certificate serves api, server status, status and token's discovery alike.
  for (const command of [['api', 'GET', '/api/v1/config'], ['server', 'status'], ['status'], ['token', '--server', server.url, '--name', 'pinned']]) {
    const result = await runCli(command, { env });
    expect({ command, code: result.code, stderr: result.stderr }).toEqual({ command, code: 0, stderr: '' });
  }

  // A wrong fingerprint is refused: someone may be in between.
  const wrongArgs = ['setup', '--yes', '--name', 'other', '--admin-email', 'pin@example.com', '--admin-password-stdin', '--server', server.url, '--trust-fingerprint', 'AA'.repeat(32)];
  const wrong = await runCli(wrongArgs, { env: { ...world.stack.env(), ...home().env }, stdin: 'Pinned-Test-Pass-123!' });
  expect(wrong.code).toBe(4);
  expect(oneLine(wrong.stderr)[0]).toContain(`its SHA-256 fingerprint is ${server.fingerprint()}`);

  // The server's certificate replaced: refused loudly with both fingerprints; the hint trusts the new one.
  const before = server.fingerprint();
  await server.rotateCertificate();
  const changed = await runCli(['api', 'GET', '/api/v1/config'], { env });
  expect(changed.code).toBe(4);
  const [changedMessage] = oneLine(changed.stderr);
  expect(changedMessage).toBe(`mmbatch-auth: the TLS certificate of ${server.url} has CHANGED since it was trusted: it was ${before}, it is now ${server.fingerprint()}`);
  const { args: fix } = hintCommand(changed.stderr);
  expect(fix).toEqual(['setup', '--name', 'pinned', '--trust-fingerprint', server.fingerprint()]);
  const fixed = await runCli([...fix, '--yes'], { env });
  expect({ code: fixed.code, stderr: fixed.stderr }).toEqual({ code: 0, stderr: expect.not.stringContaining('mmbatch-auth:') });
  expect(await runCli(['api', 'GET', '/api/v1/config'], { env })).toMatchObject({ code: 0, stderr: '' });
});

test('the server uses another pool: setup stops before any write and names a `login` that works without a terminal; after it, setup completes', async () => {
  const server = await world.startServer({ tls: false });
  const first = home();
  const second = home();
  const firstSetup = await runCli(['setup', '--yes', '--json', '--name', 'first', '--admin-email', 'alice@example.com', '--admin-password-stdin', '--server', server.url], {
    env: { ...world.stack.env(), ...first.env },
    stdin: 'Alice-Test-Pass-123!',
  });
  expect(firstSetup.code).toBe(0);
  const firstPool = JSON.parse(firstSetup.stdout).userPoolId;

  // Another operator, another admin: no token of the first pool anywhere in this home.
  const env = { ...world.stack.env(), ...second.env };
  const args = ['setup', '--yes', '--json', '--name', 'second', '--admin-email', 'bob@example.com', '--admin-password-stdin', '--server', server.url];
  world.stack.resetCalls();
  const refused = await runCli(args, { env, stdin: 'Bob-Test-Pass-123!' });
  expect(refused.code).toBe(3);
  const [message] = oneLine(refused.stderr);
  expect(message).toContain(`the server uses user pool ${firstPool} now`);
  expect(world.stack.writeCalls()).toEqual([]); // nothing created
  expect(server.config.security.cognito.userPoolID).toBe(firstPool);

  // The hint, as a script would run it: the first pool's admin, the password on stdin.
  const { args: login, pipesPassword } = hintCommand(refused.stderr);
  expect(pipesPassword).toBe(true);
  expect(login.slice(0, 1)).toEqual(['login']);
  const filled = login.join(' ').replace(/<an admin of [^>]+>/, 'alice@example.com').split(' ');
  const signedIn = await runCli(filled, { env, stdin: 'Alice-Test-Pass-123!' });
  expect({ code: signedIn.code, stderr: signedIn.stderr }).toEqual({ code: 0, stderr: expect.any(String) });

  // Setup now signs the switch with that login (not with bob, who is no admin of the first pool).
  const done = await runCli(args, { env, stdin: 'Bob-Test-Pass-123!' });
  expect(done.code).toBe(0);
  // Said once, as a warning: the pools the server used are the first setup's, not taken, left as they are.
  expect(done.stderr).toMatch(new RegExp(`^mmbatch-auth: warning: the server names user pool ${firstPool}, which is the setup 'first''s: not taken for 'second', and left as it is\\n`));
  for (const line of done.stderr.split('\n').filter(Boolean)) expect(line).toMatch(/^mmbatch-auth: warning: the server names (user|identity) pool \S+, which is the setup 'first''s/);
  const secondPool = JSON.parse(done.stdout).userPoolId;
  expect(secondPool).not.toBe(firstPool);
  expect(server.config.security.cognito).toMatchObject({ enabled: true, userPoolID: secondPool });
});

test("a flow the app client does not allow: the hint's `auth-flows set` names every flow the client has plus the missing one, so following it keeps the default sign-in", async () => {
  const h = home();
  const env = { ...world.stack.env(), ...h.env };
  const password = 'Flows-Test-Pass-123!';
  const made = await runCli(['setup', '--yes', '--json', '--name', 'flows', '--admin-email', 'carol@example.com', '--admin-password-stdin'], { env, stdin: password });
  expect(made.code).toBe(0);

  const refused = await runCli(['token', '--no-cache', '--password-stdin', '--flow', 'password'], { env, stdin: password });
  expect(refused.code).toBe(1);
  const [message, hint] = oneLine(refused.stderr);
  expect(message).toContain('does not allow the USER_PASSWORD_AUTH flow');
  // `auth-flows set` replaces the client's flows: the hint names them all.
  expect(hint).toContain('`mmbatch-auth auth-flows set USER_SRP_AUTH,REFRESH_TOKEN_AUTH,ADMIN_USER_PASSWORD_AUTH,USER_PASSWORD_AUTH`');
  expect(hint).not.toContain('keeping the flows it has');

  const fix = /`mmbatch-auth ([^`]+)`/.exec(hint)![1].split(' ');
  const fixed = await runCli(fix, { env });
  expect({ code: fixed.code, stderr: fixed.stderr }).toEqual({ code: 0, stderr: '' });
  const status = await runCli(['status', '--json'], { env });
  expect({ code: status.code, stderr: status.stderr }).toEqual({ code: 0, stderr: '' });
  const srp = await runCli(['token', '--no-cache', '--password-stdin'], { env, stdin: password });
  expect({ code: srp.code, stderr: srp.stderr }).toEqual({ code: 0, stderr: '' });
  const plain = await runCli(['token', '--no-cache', '--password-stdin', '--flow', 'password'], { env, stdin: password });
  expect({ code: plain.code, stderr: plain.stderr }).toEqual({ code: 0, stderr: '' });
});
