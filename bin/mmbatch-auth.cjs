#!/usr/bin/env node
// Entry point, in CommonJS on purpose: Node starts an ES-module entry about 5 ms slower than a
// CommonJS one (it must set up its ESM loader first), and `token` with a fresh cached token must
// cost little more than Node's own start-up (scripts call it in loops). That case is answered by
// dist/fastToken.cjs before anything else loads, and a token its refresh token renews by
// dist/freshToken.cjs; `--help` and `--version` by pages rendered at build time
// (dist/helpPages.cjs); every other run imports the ESM CLI.
'use strict';
const { printCachedToken, stdoutSink } = require('../dist/fastToken.cjs');

function fullCli(argv) {
  if (require('../dist/helpPages.cjs').printPrerendered(argv, stdoutSink)) return;
  process.on('SIGINT', () => {
    process.stderr.write('\nmmbatch-auth: interrupted\n');
    process.exit(130);
  });
  import('../dist/cli.mjs')
    .then(({ main }) => main(argv))
    .then((code) => {
      process.exitCode = code;
    });
}

const argv = process.argv.slice(2);
if (!printCachedToken(argv)) {
  if (argv.includes('token')) {
    require('../dist/freshToken.cjs')
      .printRenewedToken(argv)
      .then((done) => done || fullCli(argv));
  } else fullCli(argv);
}
