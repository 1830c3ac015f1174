// What the gateway records of each call: whether the CLI made it (its user agent), when it started and ended, the
// dependent rounds computed from that, and the suite-wide file of actions used.
import { CognitoIdentityProviderClient, DescribeUserPoolCommand, ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { IAMClient, ListRolesCommand } from '@aws-sdk/client-iam';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dependentRounds } from '../gateway/call-log.mjs';
import { startStack } from '../stack.mjs';

/** @type {Awaited<ReturnType<typeof startStack>>} */
let stack;
const actionsDir = mkdtempSync(path.join(os.tmpdir(), 'stack-actions-'));
const actionsFile = path.join(actionsDir, 'actions.jsonl');

/** @param {Record<string, unknown>} [extra] */
const config = (extra = {}) => ({
  endpoint: stack.endpoint,
  region: stack.region,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  ...extra,
});

beforeAll(async () => {
  const before = process.env.MMBATCH_AUTH_TEST_AWS_ACTIONS;
  process.env.MMBATCH_AUTH_TEST_AWS_ACTIONS = actionsFile;
  try {
    stack = await startStack();
  } finally {
    if (before === undefined) delete process.env.MMBATCH_AUTH_TEST_AWS_ACTIONS;
    else process.env.MMBATCH_AUTH_TEST_AWS_ACTIONS = before;
  }
});

afterAll(async () => {
  await stack?.stop();
  rmSync(actionsDir, { recursive: true, force: true });
});

beforeEach(() => stack.resetCalls());

test("a call is the CLI's when its user agent names mmbatch-auth/ (SDK customUserAgent or the JSON client's own)", async () => {
  const cliSdk = new CognitoIdentityProviderClient(config({ customUserAgent: 'mmbatch-auth/0.1.0' }));
  const testSdk = new IAMClient(config());
  await cliSdk.send(new ListUserPoolsCommand({ MaxResults: 10 }));
  await testSdk.send(new ListRolesCommand({}));
  await fetch(stack.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.ListUserPools', 'user-agent': 'mmbatch-auth/0.1.0' },
    body: JSON.stringify({ MaxResults: 5 }),
  });
  expect(stack.calls.map(({ service, operation, cli }) => ({ service, operation, cli }))).toEqual([
    { service: 'cognito-idp', operation: 'ListUserPools', cli: true },
    { service: 'iam', operation: 'ListRoles', cli: false },
    { service: 'cognito-idp', operation: 'ListUserPools', cli: true },
  ]);
  cliSdk.destroy();
  testSdk.destroy();
});

test('each call has its start and end, its status and the error code answered', async () => {
  stack.setDelay(40);
  const sdk = new CognitoIdentityProviderClient(config({ maxAttempts: 1 }));
  try {
    await expect(sdk.send(new DescribeUserPoolCommand({ UserPoolId: 'us-east-1_Missing1' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  } finally {
    stack.setDelay(0);
    sdk.destroy();
  }
  const [call] = stack.calls;
  expect(call).toMatchObject({ operation: 'DescribeUserPool', status: 400, error: 'ResourceNotFoundException', cli: false });
  expect(call.end - call.start).toBeGreaterThanOrEqual(35);
  expect(Math.abs(call.at - call.start)).toBeLessThan(1);
});

test('rounds: calls made together form one round, a call made after them the next', async () => {
  stack.setDelay(40);
  const cli = new CognitoIdentityProviderClient(config({ customUserAgent: 'mmbatch-auth/0.1.0' }));
  const mine = new CognitoIdentityProviderClient(config());
  try {
    await Promise.all([cli.send(new ListUserPoolsCommand({ MaxResults: 1 })), cli.send(new ListUserPoolsCommand({ MaxResults: 2 })), mine.send(new ListUserPoolsCommand({ MaxResults: 3 }))]);
    await cli.send(new ListUserPoolsCommand({ MaxResults: 4 }));
    await mine.send(new ListUserPoolsCommand({ MaxResults: 5 }));
    await Promise.all([cli.send(new ListUserPoolsCommand({ MaxResults: 6 })), cli.send(new ListUserPoolsCommand({ MaxResults: 7 }))]);
  } finally {
    stack.setDelay(0);
    cli.destroy();
    mine.destroy();
  }
  expect(stack.rounds({ cliOnly: true }).map((round) => round.length)).toEqual([2, 1, 2]);
  expect(stack.rounds().map((round) => round.length)).toEqual([3, 1, 1, 2]);
});

test('rounds from a log: overlap joins a round, a start at or after its latest end opens the next', () => {
  const call = (operation, start, end, cli = true) => ({ service: 'cognito-idp', operation, kind: 'read', cli, at: start, start, end, status: 200, error: undefined });
  const log = [
    call('A', 0, 10),
    call('B', 1, 30), // long: C starts before it ends, so C is in the same round
    call('C', 12, 20),
    call('D', 30, 40), // starts exactly when the round's latest call ended
    call('E', 35, undefined), // still in flight: everything after overlaps it
    call('F', 100, 110),
    call('x', 200, 210, false),
  ];
  expect(dependentRounds(log, { cliOnly: true })).toEqual([['A', 'B', 'C'], ['D', 'E', 'F']]);
  expect(dependentRounds(log)).toEqual([['A', 'B', 'C'], ['D', 'E', 'F', 'x']]);
});

test('with MMBATCH_AUTH_TEST_AWS_ACTIONS set, every call is appended to that file as {service, operation, cli}', async () => {
  const before = readFileSync(actionsFile, 'utf8').split('\n').filter(Boolean).length;
  const cli = new IAMClient(config({ customUserAgent: 'mmbatch-auth/0.1.0' }));
  await cli.send(new ListRolesCommand({}));
  cli.destroy();
  const lines = readFileSync(actionsFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
  expect(lines.length).toBe(before + 1);
  expect(lines.at(-1)).toEqual({ service: 'iam', operation: 'ListRoles', cli: true });
});
