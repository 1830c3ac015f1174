// `mmbatch-auth iam-policy [commands...]` through the real binary: a policy document ready for
// `aws iam put-user-policy`, the least for the commands named, and the README's policy is its output.
// (That each command's actions cover what the suite saw it call is checked at the end of `npm test`:
// test/support/iam-actions.cjs.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error: plain JS test support
import { ROOT, runCli } from './support/cli.mjs';
// @ts-expect-error: plain JS test support
import { readmeActions } from './support/iam-actions.cjs';

const actionsOf = (stdout: string) => new Set<string>(JSON.parse(stdout).Statement.flatMap((statement: { Action: string[] }) => statement.Action));

test('every command: one policy document, the IAM part limited to the roles setup names', async () => {
  const result = await runCli(['iam-policy']);
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
  const policy = JSON.parse(result.stdout);
  expect(policy.Version).toBe('2012-10-17');
  expect(policy.Statement).toEqual([
    expect.objectContaining({ Effect: 'Allow', Resource: '*' }),
    expect.objectContaining({ Effect: 'Allow', Resource: 'arn:aws:iam::*:role/*-cognito-authenticated' }),
  ]);
  const actions = actionsOf(result.stdout);
  for (const needed of ['iam:PassRole', 'cognito-identity:GetId', 'cognito-identity:GetCredentialsForIdentity', 'cognito-idp:ListGroups', 'cognito-idp:ListUsersInGroup']) expect(actions).toContain(needed);
  // Unsigned calls need no permission.
  for (const unneeded of ['cognito-idp:InitiateAuth', 'cognito-idp:RevokeToken', 'sts:GetCallerIdentity']) expect(actions).not.toContain(unneeded);
});

test('the README gives exactly what `iam-policy` prints', async () => {
  const all = actionsOf((await runCli(['iam-policy'])).stdout);
  const readme = readmeActions(readFileSync(join(ROOT, 'README.md'), 'utf8'));
  expect([...readme].sort()).toEqual([...all].sort());
});

test('named commands get only theirs; a group name covers its subcommands', async () => {
  const users = actionsOf((await runCli(['iam-policy', 'users'])).stdout);
  expect(users).toContain('cognito-idp:ListUsersInGroup');
  expect(users).toContain('cognito-idp:AdminCreateUser');
  expect(users).not.toContain('cognito-idp:CreateUserPool');
  const status = actionsOf((await runCli(['iam-policy', 'status'])).stdout);
  expect([...status].every((action) => /:(Describe|Get|List|AdminGet|AdminList)/.test(action))).toBe(true);
  const token = await runCli(['iam-policy', 'token', 'logout']);
  expect(token.code).toBe(0);
  // The admin flow, and the read of the client's flows for the hint when one is missing (auth-flows set replaces them all).
  expect([...actionsOf(token.stdout)].sort()).toEqual(['cognito-idp:AdminInitiateAuth', 'cognito-idp:AdminRespondToAuthChallenge', 'cognito-idp:DescribeUserPoolClient']);
});

test('an unknown command: exit 2, one line and the names to choose from', async () => {
  const result = await runCli(['iam-policy', 'frobnicate']);
  expect(result.code).toBe(2);
  expect(result.stderr.split('\n')[0]).toBe("mmbatch-auth: unknown command 'frobnicate'");
  expect(result.stdout).toBe('');
});
