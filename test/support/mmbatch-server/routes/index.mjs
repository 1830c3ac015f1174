// The route table: one file per operation, each with the same shape. Named exports only:
// jest's esbuild-to-CommonJS transform does not carry `export default` between .mjs files.
import { methodNotAllowed, notFound } from '../api-error.mjs';
import { getSecurityCognito } from './get-security-cognito.mjs';
import { putSecurityCognito } from './put-security-cognito.mjs';
import { deleteSecurityCognito } from './delete-security-cognito.mjs';
import { getConfig } from './get-config.mjs';
import { putConfigKV } from './put-config-kv.mjs';
import { getLogConfig } from './get-log-config.mjs';
import { putLogConfig } from './put-log-config.mjs';

/**
 * @typedef {{ body: unknown, store: import('../config-store.mjs').ConfigStore,
 *             tokens: import('../access-token.mjs').AccessTokenVerifier }} RouteContext
 * @typedef {{ method: string, path: string,
 *             access: import('../bearer-auth.mjs').Access,   // enforced while Cognito is enabled
 *             json: boolean,                                  // parse the body as JSON first
 *             handle: (ctx: RouteContext) => Promise<{ status: number, body: unknown }> }} Route
 */

/** @type {Route[]} */
export const routes = [
  getSecurityCognito,
  putSecurityCognito,
  deleteSecurityCognito,
  getConfig,
  putConfigKV,
  getLogConfig,
  putLogConfig,
];

/** @param {string} method @param {string} path @returns {Route} or throws 404 / 405 */
export function findRoute(method, path) {
  const onPath = routes.filter((r) => r.path === path);
  if (onPath.length === 0) throw notFound(path);
  const route = onPath.find((r) => r.method === method);
  if (!route) throw methodNotAllowed(method, path);
  return route;
}
