#!/usr/bin/env node
// Runs the stand-in MMBatch server by hand:
//   node test/support/mmbatch-server/main.mjs --port 8081 [--tls] [--issuer-base URL]
// --issuer-base points token checks at an emulator: issuer <URL>/<poolId> (cognito-local's form),
// JWKS at <URL>/<poolId>/.well-known/jwks.json. Prints the URL on stdout; calls go to stderr.
import { parseArgs } from 'node:util';
import { startMmbatchServer } from '../mmbatch-server.mjs';

const USAGE = 'usage: main.mjs [--port 8081] [--tls] [--issuer-base URL]';

function options() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8081' },
      tls: { type: 'boolean', default: false },
      'issuer-base': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: not a port number: ${values.port}`);
  const base = values['issuer-base']?.replace(/\/+$/, '');
  if (base !== undefined && !/^https?:\/\/[^/]/.test(base)) throw new Error(`--issuer-base: not an http(s) URL: ${base}`);
  return {
    port,
    tls: values.tls,
    ...(base ? { issuerFor: (/** @type {string} */ _region, /** @type {string} */ poolId) => `${base}/${poolId}` } : {}),
  };
}

function main() {
  let opts;
  try {
    opts = options();
  } catch (err) {
    process.stderr.write(`mmbatch-server: ${/** @type {Error} */ (err).message}\n${USAGE}\n`);
    process.exit(2);
  }
  startMmbatchServer({ ...opts, log: (line) => process.stderr.write(`mmbatch-server: ${line}\n`) }).then(
    (server) => {
      process.stdout.write(`${server.url}\n`);
      if (server.caCertFile) process.stderr.write(`mmbatch-server: CA certificate (for --ca-cert): ${server.caCertFile}\n`);
      const shutdown = () => server.stop().then(() => process.exit(0));
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    },
    (err) => {
      process.stderr.write(`mmbatch-server: ${err.message}\n`);
      process.exit(1);
    },
  );
}

main();
