#!/usr/bin/env node
// Entry point, in CommonJS on purpose: Node starts an ES-module entry about 5 ms slower than a
// CommonJS one (it must set up its ESM loader first), and `token` with a fresh cached token must
// cost little more than Node's own start-up (scripts call it in loops). That case is answered by
// dist/fastToken.cjs before anything else loads; a token the refresh token renews by
// dist/freshToken.cjs, an SRP sign-in with a password from stdin or the environment by
// dist/freshSignIn.cjs; `--help` and
// `--version` by pages rendered at build time (dist/helpPages.cjs); every other run is the full CLI
// (dist/cli.cjs), which dist/launchCli.cjs runs from V8's code cache.
'use strict';
const { printCachedTokenOr, stdoutSink } = require('../dist/fastToken.cjs');

function onInterrupt() {
  process.stderr.write('\nmmbatch-auth: interrupted\n');
  process.exit(130);
}

function fullCli(argv) {
  if (require('../dist/helpPages.cjs').printPrerendered(argv, stdoutSink)) return;
  if (!process.listeners('SIGINT').includes(onInterrupt)) process.on('SIGINT', onInterrupt);
  require('../dist/launchCli.cjs')
    .launchCli(argv)
    .then((code) => {
      process.exitCode = code;
    });
}

const argv = process.argv.slice(2);
const found = printCachedTokenOr(argv);
if (found.next === 'renew' || found.next === 'sign-in') {
  // process.exit on Ctrl-C runs the 'exit' listeners: a sign-in lock taken here is released.
  process.on('SIGINT', onInterrupt);
  const signIn = () => require('../dist/freshSignIn.cjs').printFreshToken(argv, found.target);
  (found.next === 'renew' ? require('../dist/freshToken.cjs').printFreshToken(argv, found.target) : signIn())
    .then((outcome) => (outcome === 'sign-in' ? signIn() : outcome))
    .then((outcome) => outcome === 'done' || fullCli(argv));
} else if (found.next !== 'printed') fullCli(argv);
