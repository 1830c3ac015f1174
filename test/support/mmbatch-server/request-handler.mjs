// One request, start to end: read the body, identify the caller, record the call, apply an injected
// fault or route it (access rule, JSON body, handler), answer in the server's JSON shape.
import { ApiError, internalError } from './api-error.mjs';
import { enforceAccess, identifyCaller } from './bearer-auth.mjs';
import { performFault } from './faults.mjs';
import { parseJsonBody, readBody } from './http-io.mjs';
import { findRoute } from './routes/index.mjs';

/**
 * @typedef {{ method: string, path: string, authorized: boolean, bearer: boolean, status: number | null }} Call
 *   authorized: carried a token valid under the current (enabled) Cognito settings;
 *   bearer: carried a bearer token at all; status: null while unanswered (timeout, reset)
 */

/**
 * @param {{ store: import('./config-store.mjs').ConfigStore,
 *           tokens: import('./access-token.mjs').AccessTokenVerifier,
 *           faults: ReturnType<typeof import('./faults.mjs').createFaults>,
 *           calls: Call[],
 *           log?: (line: string) => void }} deps
 * @returns {import('node:http').RequestListener}
 */
export function createRequestHandler({ store, tokens, faults, calls, log }) {
  return (req, res) => {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://stand-in').pathname;
    /** @type {Call} */
    const call = { method, path, authorized: false, bearer: false, status: null };

    /** @param {number} status @param {string} contentType @param {string} text */
    const sendText = (status, contentType, text) => {
      call.status = status;
      log?.(`${method} ${path} -> ${status}`);
      res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
      res.end(text);
    };
    /** @param {number} status @param {unknown} body */
    const sendJson = (status, body) => sendText(status, 'application/json', JSON.stringify(body));

    const answer = async () => {
      const text = await readBody(req);
      const caller = await identifyCaller(req.headers.authorization, store.cognito(), tokens);
      Object.assign(call, { authorized: Boolean(caller.user), bearer: caller.bearer });
      calls.push(call);

      const fault = faults.take(method, path);
      if (fault) {
        log?.(`${method} ${path} -> fault ${fault.kind}`);
        if (fault.kind === 'largeBody') call.status = 200;
        await performFault(fault, req, res, sendJson, sendText);
        return;
      }
      const route = findRoute(method, path);
      enforceAccess(route.access, caller, store.cognito());
      const body = route.json ? parseJsonBody(text) : undefined;
      const result = await route.handle({ body, store, tokens });
      sendJson(result.status, result.body);
    };

    answer().catch((err) => {
      if (!calls.includes(call)) calls.push(call);
      if (res.headersSent || res.destroyed) return;
      if (err instanceof ApiError) return sendJson(err.status, err.toBody());
      log?.(`${method} ${path} failed: ${err?.name ?? 'Error'}`); // no message: it might quote a secret
      sendJson(500, internalError().toBody());
    });
  };
}
