// One HTTP endpoint for every AWS service the CLI calls: it records each call, applies the configured latency
// and injected faults, then hands the call to that service's handler.
import http from 'node:http';
import { identifyAwsCall, credentialScope } from './aws-request.mjs';
import { callKind } from './call-kinds.mjs';
import { ACCOUNT_ID, createFaults } from './faults.mjs';
import { asAwsError, errorResponse } from './wire-errors.mjs';

/**
 * @typedef {import('./wire-errors.mjs').WireResponse} WireResponse
 * @typedef {import('./faults.mjs').Service} Service
 * @typedef {{ service: Service, operation: string, kind: 'read' | 'write' | 'auth', at: number }} RecordedCall
 * @typedef {(operation: string, input: any, ctx: { region: string, accountId: string }) => Promise<WireResponse>} ServiceHandler
 */

/**
 * @param {{
 *   region: string,
 *   handlers: Record<Service, ServiceHandler>,
 *   wellKnown: (path: string) => Promise<WireResponse | undefined>,
 *   delayMs?: number,
 * }} options
 */
export function createGateway({ region, handlers, wellKnown, delayMs = 0 }) {
  /** @type {RecordedCall[]} */
  const calls = [];
  const faults = createFaults();
  let delay = delayMs;

  /** @param {http.IncomingMessage} req */
  async function answer(req) {
    const body = await readBody(req);
    if (req.method === 'GET') {
      return (await wellKnown(req.url ?? '/')) ?? plain(404, `no such document: ${req.url}`);
    }
    const call = identifyAwsCall(req.headers, body);
    if ('unrecognised' in call) return plain(400, `local stack: ${call.unrecognised}`);

    calls.push({ service: call.service, operation: call.operation, kind: callKind(call.operation), at: Date.now() });
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    try {
      const fault = faults.take(call.service, call.operation);
      if (fault) throw fault;
      const ctx = { region: credentialScope(req.headers)?.region ?? region, accountId: ACCOUNT_ID };
      return await handlers[call.service](call.operation, call.input, ctx);
    } catch (error) {
      return errorResponse(call.protocol, asAwsError(error));
    }
  }

  const server = http.createServer((req, res) => {
    answer(req)
      .catch((error) => plain(500, `local stack failure: ${error?.stack ?? error}`))
      .then(({ status, headers, body }) => {
        const text = typeof body === 'string' ? body : JSON.stringify(body ?? '');
        res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(text) });
        res.end(text);
      });
  });

  return {
    calls,
    faults,
    /** @param {number} ms */
    setDelay(ms) {
      delay = Math.max(0, Number(ms) || 0);
    },
    /** @returns {Promise<string>} the endpoint URL */
    listen() {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
          const address = /** @type {import('node:net').AddressInfo} */ (server.address());
          resolve(`http://127.0.0.1:${address.port}`);
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve(undefined));
        server.closeAllConnections(); // SDK clients keep connections alive; do not wait for them
      });
    },
  };
}

/** @param {http.IncomingMessage} req @returns {Promise<string>} */
function readBody(req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** @param {number} status @param {string} text @returns {WireResponse} */
function plain(status, text) {
  return { status, headers: { 'content-type': 'text/plain' }, body: text };
}
