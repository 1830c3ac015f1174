// Talks to the cognito-local process behind the gateway: plain forwarding, or a call whose answer the gateway reworks.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { AwsError } from './wire-errors.mjs';

/** @typedef {import('./wire-errors.mjs').WireResponse} WireResponse */

/**
 * @param {string} baseUrl e.g. http://127.0.0.1:9229
 * @param {{ withLocks: ReturnType<typeof import('./pool-locks.mjs').createPoolLocks>['withLocks'] }} [locks]
 *   one call at a time per pool (see pool-locks.mjs); without it, one call at a time overall. The gateway's
 *   emulated latency is applied before these locks, so calls still overlap in time.
 */
export function createCognitoLocalClient(baseUrl, locks) {
  /** @type {Promise<unknown>} */
  let queue = Promise.resolve();
  /** @type {(operation: string, input: Record<string, any>, work: () => Promise<WireResponse>) => Promise<WireResponse>} */
  const serialised =
    locks?.withLocks ??
    ((_operation, _input, work) => {
      const turn = queue.then(work, work);
      queue = turn.catch(() => undefined);
      return turn;
    });

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
    return serialised(operation, /** @type {Record<string, any>} */ (input ?? {}), send);
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
