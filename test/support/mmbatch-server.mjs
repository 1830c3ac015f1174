// A stand-in MMBatch Management Server for tests and the demo (see /work/shared/mmbatch-api.md).
// Pieces live in ./mmbatch-server/: routes, config store, token verification, TLS cert, faults.
import { X509Certificate } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { readFile, writeFile } from 'node:fs/promises';
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
 *   setDelay: (ms: number) => void,
 *   clearFaults: () => void,
 *   fingerprint: () => string | undefined,
 *   certificatePem: () => string | undefined,
 *   rotateCertificate: () => Promise<{ certFile: string, fingerprint: string }>,
 *   stop: () => Promise<void>,
 * }} MmbatchServer
 *   caCertFile: the certificate's file (TLS only); fingerprint: its SHA-256 fingerprint as Node and OpenSSL print
 *   it (`AB:CD:...`); certificatePem: its PEM. rotateCertificate: a new self-signed certificate (a new key, so a new
 *   fingerprint) for every new connection, written over the old one's files (config.security.certFile/keyFile stay
 *   the same paths, as when an operator replaces them); the server keeps all its state.
 */

/** @typedef {{ certFile: string, keyFile: string, remove: () => Promise<void>, pem: string, fingerprint: string }} ServedCert */

/** @returns {Promise<ServedCert>} */
async function newServedCert() {
  const cert = await makeSelfSignedCert();
  const pem = await readFile(cert.certFile, 'utf8');
  return { ...cert, pem, fingerprint: new X509Certificate(pem).fingerprint256 };
}

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

  // Every request handled this late (a server across a network); 0 by default.
  let delayMs = 0;
  /** @type {http.RequestListener} */
  const delayed = (req, res) => (delayMs > 0 ? setTimeout(() => handler(req, res), delayMs) : handler(req, res));

  let cert = tls ? await newServedCert() : undefined;
  /** @type {http.Server} */
  let server;
  try {
    if (cert) {
      store.config.security.certFile = cert.certFile;
      store.config.security.keyFile = cert.keyFile;
      server = https.createServer({ cert: cert.pem, key: await readFile(cert.keyFile) }, delayed);
    } else {
      server = http.createServer(delayed);
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
    get caCertFile() {
      return cert?.certFile;
    },
    fingerprint: () => cert?.fingerprint,
    certificatePem: () => cert?.pem,
    async rotateCertificate() {
      if (!cert) throw new Error('rotateCertificate: this server speaks plain HTTP');
      const current = cert;
      const next = await newServedCert();
      const key = await readFile(next.keyFile);
      await Promise.all([writeFile(current.certFile, next.pem), writeFile(current.keyFile, key, { mode: 0o600 })]);
      await next.remove();
      /** @type {import('node:https').Server} */ (server).setSecureContext({ cert: next.pem, key });
      // Idle kept-alive connections would go on with the old certificate; a client's next request must see the new one.
      server.closeIdleConnections();
      cert = { ...current, pem: next.pem, fingerprint: next.fingerprint };
      return { certFile: current.certFile, fingerprint: next.fingerprint };
    },
    config: store.config,
    credentials: store.credentials,
    calls,
    injectFault: (spec) => faults.inject(spec),
    clearFaults: () => faults.clear(),
    setDelay: (ms) => {
      delayMs = Math.max(0, Number(ms) || 0);
    },
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
