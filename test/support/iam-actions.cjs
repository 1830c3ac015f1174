// The suite-wide IAM check: every AWS action the CLI called during `npm test` (the local stacks log
// each call with the command its user agent names, into MMBATCH_AUTH_TEST_AWS_ACTIONS) must be in the
// README's IAM policy, and in what `mmbatch-auth iam-policy <command>` prints for the command that
// called it. So the policy a user pastes is derived from what the tool does, not written from memory.
const { existsSync, readFileSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'mmbatch-auth.cjs');

/** Calls that need no permission (kept in step with src/commands/iam-policy/actions.ts, NO_PERMISSION). */
const NO_PERMISSION = new Set([
  'cognito-idp:InitiateAuth',
  'cognito-idp:RespondToAuthChallenge',
  'cognito-idp:RevokeToken',
  'cognito-idp:AssociateSoftwareToken',
  'cognito-idp:VerifySoftwareToken',
  'cognito-idp:SetUserMFAPreference',
  'cognito-idp:GetUser',
  'sts:GetCallerIdentity',
]);
/** What IAM checks without a call of its own: SetIdentityPoolRoles hands the role over (PassRole). */
const IMPLIED = { 'cognito-identity:SetIdentityPoolRoles': ['iam:PassRole'] };

/** The actions of the README's policy: the JSON block under its "IAM permissions" heading. */
function readmeActions(readme) {
  const section = readme.split(/^#+ .*IAM permissions.*$/m)[1];
  const block = section && /```json\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) return undefined;
  const policy = JSON.parse(block);
  return new Set(policy.Statement.flatMap((statement) => [].concat(statement.Action)));
}

/** @returns {{ calls: number, problems: string[] }} */
function checkIamActions(file) {
  if (!file || !existsSync(file)) return { calls: 0, problems: [] };
  const calls = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line)).filter((call) => call.cli);
  const problems = [];
  const byCommand = new Map();
  const all = new Set();
  for (const call of calls) {
    const action = `${call.service}:${call.operation}`;
    if (NO_PERMISSION.has(action)) continue;
    for (const needed of [action, ...(IMPLIED[action] ?? [])]) {
      all.add(needed);
      if (call.command) {
        if (!byCommand.has(call.command)) byCommand.set(call.command, new Set());
        byCommand.get(call.command).add(needed);
      }
    }
  }
  if (calls.length === 0) return { calls: 0, problems };
  const readme = readmeActions(readFileSync(join(ROOT, 'README.md'), 'utf8'));
  if (!readme) problems.push('README.md has no ```json policy under an "IAM permissions" heading');
  else for (const action of [...all].sort()) if (!readme.has(action)) problems.push(`the README's IAM policy lacks ${action}, which the CLI called`);
  for (const [command, actions] of [...byCommand].sort()) {
    const printed = spawnSync(process.execPath, [BIN, 'iam-policy', ...command.split(' ')], { encoding: 'utf8' });
    if (printed.status !== 0) {
      problems.push(`mmbatch-auth iam-policy ${command} failed: ${printed.stderr.trim()}`);
      continue;
    }
    const granted = new Set(JSON.parse(printed.stdout).Statement.flatMap((statement) => statement.Action));
    for (const action of [...actions].sort()) if (!granted.has(action)) problems.push(`\`mmbatch-auth iam-policy ${command}\` lacks ${action}, which \`${command}\` called`);
  }
  return { calls: calls.length, problems };
}

module.exports = { checkIamActions, readmeActions };
