// Before the suite: a fresh transcript file that every CLI run of every test file appends to
// (test/support/cli.mjs), so the summary reporter can grep everything the suite printed; and a fresh file
// where every local stack appends each AWS call it answers ({service, operation, cli}, one JSON line), so a
// test can check the README's IAM policy against the actions the CLI really used.
const { mkdtempSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mmbatch-auth-transcript-'));
  const file = join(dir, 'runs.jsonl');
  writeFileSync(file, '');
  const actions = join(dir, 'aws-actions.jsonl');
  writeFileSync(actions, '');
  // Workers start after global setup and inherit this environment.
  process.env.MMBATCH_AUTH_TEST_TRANSCRIPT = file;
  process.env.MMBATCH_AUTH_TEST_AWS_ACTIONS = actions;
};
