// One HTTP endpoint for every AWS service the CLI calls: it records each call, applies the configured latency,
// request quotas and injected faults, then hands the call to that service's handler.
import http from 'node:http';
import { identifyAwsCall, credentialScope } from './aws-request.mjs';
import { cliCommand, createCallLog, isCliRequest } from './call-log.mjs';
import { ACCOUNT_ID, createFaults } from './faults.mjs';
import { createThrottle } from './throttle.mjs';
import { asAwsError, errorResponse } from './wire-errors.mjs';

/**
 * @typedef {import('./wire-errors.mjs').WireResponse} WireResponse
 * @typedef {import('./faults.mjs').Service} Service
 * @typedef {import('./call-log.mjs').RecordedCall} RecordedCall
 * @typedef {(operation: string, input: any, ctx: { region: string, accountId: string }) => Promise<WireResponse>} ServiceHandler
 */

/**
 * @param {{
 *   region: string,
 *   handlers: Record<Service, ServiceHandler>,
 *   wellKnown: (path: string) => Promise<WireResponse | undefined>,
 *   delayMs?: number,
 *   quotas?: import('./throttle.mjs').Quotas,
 *   actionsFile?: string,
 * }} options
 */
export function createGateway({ region, handlers, wellKnown, delayMs = 0, quotas = {}, actionsFile }) {
  const log = createCallLog({ actionsFile });
  const faults = createFaults();
  const throttle = createThrottle(quotas);
  let delay = delayMs;
  /** Operations answered after a delay of their own instead (a test that needs one call to be the slow one). */
  const operationDelays = new Map();

  /**
   * @param {http.IncomingMessage} req
   * @returns {Promise<WireResponse & { finish?: (outcome: { status: number, error?: string }) => void }>}
   *   finish: closes the call's record once the answer goes out (absent for what is not an AWS call)
   */
  async function answer(req) {
    const body = await readBody(req);
    if (req.method === 'GET') {
      return (await wellKnown(req.url ?? '/')) ?? plain(404, `no such document: ${req.url}`);
    }
    const call = identifyAwsCall(req.headers, body);
    if ('unrecognised' in call) return plain(400, `local stack: ${call.unrecognised}`);

    const authFlow = typeof call.input?.AuthFlow === 'string' ? call.input.AuthFlow : undefined;
    const finish = log.record({ service: call.service, operation: call.operation, cli: isCliRequest(req.headers), command: cliCommand(req.headers), authFlow });
    const wait = operationDelays.get(call.operation) ?? delay;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    try {
      const refusal = faults.take(call.service, call.operation) ?? throttle.take(call.service, call.operation);
      if (refusal && !refusal.afterApplying) throw refusal;
      const scope = credentialScope(req.headers);
      const ctx = { region: scope?.region ?? region, accountId: ACCOUNT_ID, accessKeyId: scope?.accessKeyId };
      const answered = await handlers[call.service](call.operation, call.input, ctx);
      if (refusal) throw refusal;
      return { ...answered, finish };
    } catch (error) {
      const failure = asAwsError(error);
      return { ...errorResponse(call.protocol, failure), finish };
    }
  }

  const server = http.createServer((req, res) => {
    answer(req)
      .catch((error) => /** @type {Awaited<ReturnType<typeof answer>>} */ (plain(500, `local stack failure: ${error?.stack ?? error}`)))
      .then(({ status, headers, body, finish }) => {
        const text = typeof body === 'string' ? body : JSON.stringify(body ?? '');
        finish?.({ status, error: errorCodeOf(status, headers, text) });
        res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(text) });
        res.end(text);
      });
  });

  return {
    calls: log.calls,
    rounds: log.rounds,
    faults,
    setQuota: throttle.setQuota,
    /** @param {number} ms */
    setDelay(ms) {
      delay = Math.max(0, Number(ms) || 0);
    },
    /** @param {string} operation @param {number | undefined} ms  undefined: back to the delay of every call */
    setOperationDelay(operation, ms) {
      if (ms === undefined) operationDelays.delete(operation);
      else operationDelays.set(operation, Math.max(0, Number(ms) || 0));
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

/**
 * The AWS error code of an answer, for the call log: awsJson names it in x-amzn-errortype (or __type), awsQuery in <Code>.
 * @param {number} status @param {Record<string, string>} headers @param {string} text
 */
function errorCodeOf(status, headers, text) {
  if (status < 300) return undefined;
  const header = Object.entries(headers).find(([name]) => name.toLowerCase() === 'x-amzn-errortype')?.[1];
  if (header) return header.split(':')[0];
  return /"__type"\s*:\s*"(?:[^"#]*#)?([^"]+)"/.exec(text)?.[1] ?? /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
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
