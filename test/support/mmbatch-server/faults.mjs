// Faults a test injects to see how a client copes: a refusal, a crash, a garbled answer, silence,
// a dropped connection. A faulted request never reaches its route, so it changes nothing.
import { ApiError, ERROR_CODES, invalidArgument } from './api-error.mjs';

export const FAULT_KINDS = /** @type {const} */ (['status422', 'status500', 'garbage', 'timeout', 'reset']);

/**
 * @typedef {typeof FAULT_KINDS[number]} FaultKind
 * @typedef {{ method?: string, path?: string, kind: FaultKind, times?: number }} FaultSpec
 *   method / path left out match any; times may be Infinity
 */

export function createFaults() {
  /** @type {Array<{ method?: string, path?: string, kind: FaultKind, remaining: number }>} */
  const active = [];
  return {
    /** @param {FaultSpec} spec */
    inject({ method, path, kind, times = 1 }) {
      if (!FAULT_KINDS.includes(kind)) throw new TypeError(`unknown fault kind ${kind}; one of ${FAULT_KINDS.join(', ')}`);
      if (!(times > 0)) throw new TypeError('times must be positive');
      active.push({ method: method?.toUpperCase(), path, kind, remaining: times });
    },
    clear() {
      active.length = 0;
    },
    /** The fault for this request, if any, counted as used. @param {string} method @param {string} path */
    take(method, path) {
      const index = active.findIndex((f) => (!f.method || f.method === method) && (!f.path || f.path === path));
      if (index < 0) return undefined;
      const fault = active[index];
      if (--fault.remaining <= 0) active.splice(index, 1);
      return fault.kind;
    },
  };
}

/**
 * @param {FaultKind} kind
 * @param {import('node:http').IncomingMessage} req
 * @param {(status: number, body: unknown) => void} sendJson
 * @param {(status: number, contentType: string, text: string) => void} sendText
 */
export function performFault(kind, req, sendJson, sendText) {
  switch (kind) {
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
      return req.socket.destroy();
  }
}
