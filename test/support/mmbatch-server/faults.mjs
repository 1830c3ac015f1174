// Faults a test injects to see how a client copes: a refusal, a crash, a garbled answer, silence, a dropped
// connection, an answer too big to hold, and an error message written to attack a terminal. A faulted request never
// reaches its route, so it changes nothing.
import { ApiError, ERROR_CODES, invalidArgument } from './api-error.mjs';

export const FAULT_KINDS = /** @type {const} */ (['status422', 'status500', 'garbage', 'timeout', 'reset', 'largeBody', 'hostileMessage']);

/**
 * An error message a hostile or broken server could send: colour and cursor escapes (CSI), a terminal-title and a
 * hyperlink escape (OSC), a bell, a backspace, a carriage return that would overwrite the line, a NUL, DEL and a C1
 * control. A client must not pass any of it to a terminal as is.
 */
export const HOSTILE_MESSAGE =
  'Invalid argument: \u001b[31mred\u001b[0m \u001b[2J\u001b[H\u001b]0;pwned\u0007 ' +
  '\u001b]8;;https://evil.example/\u001b\\click\u001b]8;;\u001b\\ bell\u0007 back\u0008space\rOVERWRITE nul\u0000 del\u007f c1\u009b31m';

/** The default size of a largeBody answer: 20 MiB. */
export const LARGE_BODY_BYTES = 20 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'a');

/**
 * @typedef {typeof FAULT_KINDS[number]} FaultKind
 * @typedef {{ method?: string, path?: string, kind: FaultKind, times?: number, bytes?: number, declareLength?: boolean, status?: number }} FaultSpec
 *   method / path left out match any; times may be Infinity.
 *   largeBody: a 200 JSON answer of `bytes` (20 MiB by default), streamed; with declareLength it says its length
 *   up front (content-length), else it is chunked. hostileMessage: the server's error shape with HOSTILE_MESSAGE,
 *   status 422 by default (`status` for another).
 * @typedef {FaultSpec & { remaining: number }} ArmedFault
 */

export function createFaults() {
  /** @type {ArmedFault[]} */
  const active = [];
  return {
    /** @param {FaultSpec} spec */
    inject(spec) {
      const { method, kind, times = 1 } = spec;
      if (!FAULT_KINDS.includes(kind)) throw new TypeError(`unknown fault kind ${kind}; one of ${FAULT_KINDS.join(', ')}`);
      if (!(times > 0)) throw new TypeError('times must be positive');
      if (spec.bytes !== undefined && !(spec.bytes > 0)) throw new TypeError('bytes must be positive');
      active.push({ ...spec, method: method?.toUpperCase(), remaining: times });
    },
    clear() {
      active.length = 0;
    },
    /** The fault for this request, if any, counted as used. @param {string} method @param {string} path @returns {ArmedFault | undefined} */
    take(method, path) {
      const index = active.findIndex((f) => (!f.method || f.method === method) && (!f.path || f.path === path));
      if (index < 0) return undefined;
      const fault = active[index];
      if (--fault.remaining <= 0) active.splice(index, 1);
      return fault;
    },
  };
}

/**
 * @param {ArmedFault} fault
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {(status: number, body: unknown) => void} sendJson
 * @param {(status: number, contentType: string, text: string) => void} sendText
 * @returns {Promise<void> | void}
 */
export function performFault(fault, req, res, sendJson, sendText) {
  switch (fault.kind) {
    case 'status422':
      return sendJson(422, invalidArgument().toBody());
    case 'status500':
      return sendJson(500, new ApiError(500, ERROR_CODES.internal, 'internal error').toBody());
    case 'garbage':
      // Claims JSON, is not: what a misconfigured proxy in front of the server sends.
      return sendText(200, 'application/json', '<html><body><h1>502 Bad Gateway</h1></body></html>\n{"enabled":tr');
    case 'timeout':
      return undefined; // never answered; stop() closes the connection
    case 'reset':
      req.socket.destroy();
      return undefined;
    case 'hostileMessage': {
      const status = fault.status ?? 422;
      return sendJson(status, { statusCode: status, errorCode: ERROR_CODES.invalidArgument, message: HOSTILE_MESSAGE });
    }
    case 'largeBody':
      return streamLargeBody(res, fault.bytes ?? LARGE_BODY_BYTES, Boolean(fault.declareLength));
  }
}

/**
 * A well-formed JSON document of exactly `bytes`, written a chunk at a time as the client takes it, so the server
 * never holds it whole (a client that stops reading leaves the rest unsent).
 * @param {import('node:http').ServerResponse} res @param {number} bytes @param {boolean} declareLength
 */
async function streamLargeBody(res, bytes, declareLength) {
  const head = Buffer.from('{"enabled":false,"padding":"');
  const tail = Buffer.from('"}');
  const padding = Math.max(0, bytes - head.length - tail.length);
  res.writeHead(200, { 'content-type': 'application/json', ...(declareLength ? { 'content-length': head.length + padding + tail.length } : {}) });
  // Waits for whichever comes first, and drops the other listener (one per full buffer would pile up).
  const write = (/** @type {Buffer} */ chunk) =>
    res.write(chunk)
      ? Promise.resolve()
      : new Promise((resolve) => {
          const done = () => {
            res.off('drain', done);
            res.off('close', done);
            resolve(undefined);
          };
          res.on('drain', done);
          res.on('close', done);
        });
  await write(head);
  for (let left = padding; left > 0 && !res.destroyed; left -= CHUNK.length) {
    await write(left >= CHUNK.length ? CHUNK : CHUNK.subarray(0, left));
  }
  if (!res.destroyed) res.end(tail);
}
