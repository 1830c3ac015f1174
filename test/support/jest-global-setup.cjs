// Before the suite: a fresh transcript file that every CLI run of every test file appends to
// (test/support/cli.mjs), so the summary reporter can grep everything the suite printed.
const { mkdtempSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports = async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'mmbatch-auth-transcript-')), 'runs.jsonl');
  writeFileSync(file, '');
  // Workers start after global setup and inherit this environment.
  process.env.MMBATCH_AUTH_TEST_TRANSCRIPT = file;
};
