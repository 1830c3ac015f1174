// Talks to the cognito-local process behind the gateway: plain forwarding, or a call whose answer the gateway reworks.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { AwsError } from './wire-errors.mjs';

/** @typedef {import('./wire-errors.mjs').WireResponse} WireResponse */

/** @param {string} baseUrl e.g. http://127.0.0.1:9229 */
export function createCognitoLocalClient(baseUrl) {
  // cognito-local rewrites a pool's whole JSON file on every change (sign-ins included: they store
  // refresh tokens) without a lock, so two calls at once can leave a corrupt file. One call at a
  // time; the gateway's emulated latency is applied before this queue, so it still overlaps.
  /** @type {Promise<unknown>} */
  let queue = Promise.resolve();

  /**
   * Sends one cognito-idp operation as is and returns cognito-local's answer untouched.
   * @param {string} operation @param {object} input @returns {Promise<WireResponse>}
   */
  function forward(operation, input) {
    const send = async () => {
      const response = await request('POST', '/', JSON.stringify(input), {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
      });
      return { ...response, headers: { ...response.headers, 'x-amzn-requestid': randomUUID() } };
    };
    /** @type {Promise<WireResponse>} */
    const turn = queue.then(send, send);
    queue = turn.catch(() => undefined);
    return turn;
  }

  /**
   * Sends one operation and returns its parsed output; cognito-local's error answers become AwsErrors.
   * @param {string} operation @param {object} input @returns {Promise<Record<string, any>>}
   */
  async function call(operation, input) {
    const { status, body } = await forward(operation, input);
    const parsed = body ? JSON.parse(body) : {};
    if (status >= 300) throw new AwsError(parsed.__type ?? 'InternalErrorException', parsed.message ?? body, status);
    return parsed;
  }

  /** A plain GET (the JWKS document). @param {string} path */
  function get(path) {
    return request('GET', path, undefined, {});
  }

  /** @param {string} method @param {string} path @param {string | undefined} body @param {Record<string, string>} headers */
  function request(method, path, body, headers) {
    return new Promise((resolve, reject) => {
      const req = http.request(new URL(path, baseUrl), { method, headers }, (res) => {
        /** @type {Buffer[]} */
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 502,
            headers: { 'content-type': String(res.headers['content-type'] ?? 'application/json') },
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  return { forward, call, get };
}
