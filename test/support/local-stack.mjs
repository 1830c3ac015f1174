// `npm run stack`: the local stack on its own, for trying the CLI by hand. Prints the environment
// to export, then serves until Ctrl-C.
import { startStack } from './stack.mjs';
import { startMmbatchServer } from './mmbatch-server.mjs';

const tls = process.argv.includes('--tls');
const stack = await startStack();
const server = await startMmbatchServer({ tls, issuerFor: (_region, poolId) => stack.issuer(poolId), jwksUriFor: (_region, poolId) => stack.jwksUri(poolId) });
const env = { ...stack.env(), MMBATCH_SERVER: server.url, ...(tls ? { NODE_EXTRA_CA_CERTS: server.caCertFile } : {}) };
process.stdout.write('# The local stack is up. In another shell:\n');
for (const [key, value] of Object.entries(env)) process.stdout.write(`export ${key}=${JSON.stringify(value)}\n`);
if (tls) process.stdout.write(`# The server's certificate (for --trust-fingerprint): SHA-256 ${server.fingerprint()}\n`);
process.stdout.write('# Ctrl-C stops it.\n');
const stop = async () => {
  await server.stop();
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
