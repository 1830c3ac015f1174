// The suite-wide secrets check: nothing any CLI run printed may hold a test password or the stack's
// AWS secret key, and no token may appear on stderr (stdout of `token` is a token by contract).
const { existsSync, readFileSync } = require('node:fs');

// Every test password follows one pattern (e.g. Setup-Test-Pass-123!, Wrong-Password-1!).
const TEST_PASSWORD = /\b[A-Z][A-Za-z]*(?:-[A-Za-z]+)*-Pass(?:word)?-\d+!/g;
const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/;
const AWS_SECRET = 'local-stack-secret-access-key';

/** @returns {{ runs: number, leaks: string[] }} */
function findLeaks(file) {
  if (!file || !existsSync(file)) return { runs: 0, leaks: [] };
  const leaks = [];
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  for (const line of lines) {
    const { args, stdout, stderr } = JSON.parse(line);
    const command = `mmbatch-auth ${args.join(' ')}`;
    for (const [stream, text] of [['stdout', stdout], ['stderr', stderr]]) {
      for (const password of text.match(TEST_PASSWORD) ?? []) leaks.push(`${command}: a password (${password.slice(0, 4)}…) on ${stream}`);
      if (text.includes(AWS_SECRET)) leaks.push(`${command}: the AWS secret key on ${stream}`);
    }
    if (JWT.test(stderr)) leaks.push(`${command}: a token on stderr`);
  }
  return { runs: lines.length, leaks };
}

module.exports = { findLeaks };
