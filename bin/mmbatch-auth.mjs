#!/usr/bin/env node
// Entry point. `token` with a fresh cached token is answered by a tiny module before the CLI (and
// the AWS SDK) is even loaded: scripts call it in loops.
import { printCachedToken } from '../dist/fastToken.mjs';

const argv = process.argv.slice(2);
process.on('SIGINT', () => {
  process.stderr.write('\nmmbatch-auth: interrupted\n');
  process.exit(130);
});
if (!printCachedToken(argv, process.env, process.stdout)) {
  const { main } = await import('../dist/cli.mjs');
  process.exitCode = await main(argv);
}
