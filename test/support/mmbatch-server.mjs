// A stand-in MMBatch Management Server for tests and the demo (see /work/shared/mmbatch-api.md).
// Pieces live in ./mmbatch-server/: routes, config store, token verification, TLS cert, faults.
import http from 'node:http';
import https from 'node:https';
import { readFile } from 'node:fs/promises';
import { createAccessTokenVerifier } from './mmbatch-server/access-token.mjs';
import { createConfigStore } from './mmbatch-server/config-store.mjs';
import { createFaults } from './mmbatch-server/faults.mjs';
import { createRequestHandler } from './mmbatch-server/request-handler.mjs';
import { makeSelfSignedCert } from './mmbatch-server/tls-cert.mjs';

const HOST = '127.0.0.1';

/**
 * @typedef {import('./mmbatch-server/request-handler.mjs').Call} Call
 * @typedef {import('./mmbatch-server/faults.mjs').FaultSpec} FaultSpec
 * @typedef {{
 *   url: string,
 *   caCertFile: string | undefined,
 *   config: Record<string, any>,
 *   credentials: { accessKey: string, secretKey: string },
 *   calls: Call[],
 *   injectFault: (spec: FaultSpec) => void,
 *   clearFaults: () => void,
 *   stop: () => Promise<void>,
 * }} MmbatchServer
 */

/**
 * @param {{
 *   tls?: boolean,
 *   issuerFor?: (region: string, poolId: string) => string,
 *   jwksUriFor?: (region: string, poolId: string) => string,
 *   port?: number,
 *   log?: (line: string) => void,
 * }} [options]
 * @returns {Promise<MmbatchServer>}
 */
export async function startMmbatchServer({
  tls = false,
  issuerFor = (region, poolId) => `https://cognito-idp.${region}.amazonaws.com/${poolId}`,
  jwksUriFor = (region, poolId) => `${issuerFor(region, poolId)}/.well-known/jwks.json`,
  port = 0,
  log,
} = {}) {
  const store = createConfigStore();
  const faults = createFaults();
  /** @type {Call[]} */
  const calls = [];
  const handler = createRequestHandler({
    store,
    tokens: createAccessTokenVerifier({ issuerFor, jwksUriFor }),
    faults,
    calls,
    log,
  });

  const cert = tls ? await makeSelfSignedCert() : undefined;
  /** @type {http.Server} */
  let server;
  try {
    if (cert) {
      store.config.security.certFile = cert.certFile;
      store.config.security.keyFile = cert.keyFile;
      const [certPem, keyPem] = await Promise.all([readFile(cert.certFile), readFile(cert.keyFile)]);
      server = https.createServer({ cert: certPem, key: keyPem }, handler);
    } else {
      server = http.createServer(handler);
    }
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, HOST, () => resolve(undefined));
    });
  } catch (err) {
    await cert?.remove();
    throw err;
  }
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  store.config.addr = `${HOST}:${address.port}`;

  /** @type {Promise<void> | undefined} */
  let stopping;
  return {
    url: `${tls ? 'https' : 'http'}://${HOST}:${address.port}`,
    caCertFile: cert?.certFile,
    config: store.config,
    credentials: store.credentials,
    calls,
    injectFault: (spec) => faults.inject(spec),
    clearFaults: () => faults.clear(),
    stop() {
      stopping ??= (async () => {
        const closed = new Promise((resolve) => server.close(() => resolve(undefined)));
        server.closeAllConnections(); // also ends requests held by a 'timeout' fault
        await closed;
        await cert?.remove();
      })();
      return stopping;
    },
  };
}
