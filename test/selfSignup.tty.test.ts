// `self-signup enable` on a terminal: it lets strangers make accounts, so its one confirmation
// names the command (not "setup") and defaults to No, as teardown's does: Enter changes nothing.
// Turning it off again (the safe direction) keeps the usual Yes default.
// And `server push`, the other one-resource change with a confirmation, names itself too.
import { DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { startWorld, type SetUpWorld } from './support/world.js';
// @ts-expect-error: plain JS test support
import { runInPty } from './support/pty.mjs';

let world: SetUpWorld;

beforeAll(async () => {
  world = await startWorld({ setup: true, server: false });
}, 120_000);
afterAll(async () => world?.stop());

const onTerminal = (args: string[]) => runInPty(args, { env: { ...world.env(world.home), HOME: world.home.dir, CI: '' }, cols: 120, rows: 30, timeoutMs: 60_000 });
const selfRegistration = async () =>
  (await world.idp.send(new DescribeUserPoolCommand({ UserPoolId: world.userPoolId }))).UserPool?.AdminCreateUserConfig?.AllowAdminCreateUserOnly ? 'off' : 'on';

test('self-signup enable: the plan under its own name, a prompt that defaults to No; Enter changes nothing', async () => {
  world.stack.resetCalls();
  const pty = onTerminal(['self-signup', 'enable']);
  await pty.expect('self-registration lets anyone who can reach the pool create an account');
  await pty.expect('self-signup enable will:');
  await pty.expect(/Go ahead\? \(y\/N\)/);
  pty.sendLine('');
  expect(await pty.exit()).toEqual({ code: 0, signal: null });
  const { text } = pty.output();
  expect(text).not.toContain('setup will:');
  expect(text).toContain('nothing was changed');
  expect(world.stack.writeCalls()).toEqual([]);
  expect(await selfRegistration()).toBe('off');
});

test('self-signup enable, answered yes, turns it on; disable (the safe way back) defaults to Yes', async () => {
  const on = onTerminal(['self-signup', 'enable']);
  await on.expect(/Go ahead\? \(y\/N\)/);
  on.sendLine('y');
  expect(await on.exit()).toEqual({ code: 0, signal: null });
  expect(await selfRegistration()).toBe('on');

  const off = onTerminal(['self-signup', 'disable']);
  await off.expect('self-signup disable will:');
  await off.expect(/Go ahead\? \(Y\/n\)/);
  off.sendLine('');
  expect(await off.exit()).toEqual({ code: 0, signal: null });
  expect(await selfRegistration()).toBe('off');
});

test('server push on a terminal: its confirmation names it (not "setup"), and Enter pushes', async () => {
  const server = await world.startServer();
  const pty = onTerminal(['server', 'push', '--server', server.url]);
  await pty.expect('server push will:');
  await pty.expect(/Go ahead\? \(Y\/n\)/);
  pty.sendLine(''); // the admin's sign-in is the one setup kept: no password asked
  expect(await pty.exit()).toEqual({ code: 0, signal: null });
  expect(pty.output().text).not.toContain('setup will:');
  expect(server.config.security?.cognito?.enabled).toBe(true);
});
