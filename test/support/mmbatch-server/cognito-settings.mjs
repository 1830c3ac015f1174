// The Cognito section in its two shapes (config: adminGroups array; /security/cognito: comma string)
// and validation of a PUT /api/v1/security/cognito body.
import { invalidArgument } from './api-error.mjs';

/**
 * @typedef {{ enabled: boolean, region: string, userPoolID: string, identityPoolID: string,
 *   clientID: string, adminGroups: string[] }} CognitoSection   as kept inside the config
 * @typedef {{ enabled: boolean, region: string, userPoolID: string, clientID: string,
 *   identityPoolID: string, adminGroups: string }} CognitoView   as GET/PUT /security/cognito answer
 * @typedef {{ region: string, userPoolID: string, clientID: string, identityPoolID: string,
 *   adminGroups: string[], accessKey: string, secretKey: string, token: string }} CognitoRequest
 */

const REQUIRED = ['region', 'userPoolID', 'clientID', 'identityPoolID', 'adminGroups', 'token'];
const OPTIONAL = ['accessKey', 'secretKey'];

/** @param {string} list comma-separated @returns {string[]} */
export function splitGroups(list) {
  return list.split(',').map((g) => g.trim()).filter(Boolean);
}

/** @param {CognitoSection} section @returns {CognitoView} */
export function toCognitoView(section) {
  return {
    enabled: section.enabled,
    region: section.region,
    userPoolID: section.userPoolID,
    clientID: section.clientID,
    identityPoolID: section.identityPoolID,
    adminGroups: section.adminGroups.join(','),
  };
}

/**
 * Checks shape only; the token itself is verified by the route.
 * @param {unknown} body parsed JSON
 * @returns {CognitoRequest}
 */
export function parseCognitoRequest(body) {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw invalidArgument('body must be a JSON object');
  }
  const fields = /** @type {Record<string, unknown>} */ (body);
  for (const name of [...REQUIRED, ...OPTIONAL]) {
    if (fields[name] !== undefined && typeof fields[name] !== 'string') throw invalidArgument(`${name} must be a string`);
  }
  for (const name of REQUIRED) {
    if (typeof fields[name] !== 'string' || fields[name].trim() === '') throw invalidArgument(`${name} is required`);
  }
  const adminGroups = splitGroups(/** @type {string} */ (fields.adminGroups));
  if (adminGroups.length === 0) throw invalidArgument('adminGroups names no group');
  const accessKey = /** @type {string} */ (fields.accessKey ?? '');
  const secretKey = /** @type {string} */ (fields.secretKey ?? '');
  if (Boolean(accessKey) !== Boolean(secretKey)) throw invalidArgument('accessKey and secretKey go together');
  const text = (/** @type {string} */ name) => /** @type {string} */ (fields[name]).trim();
  return {
    region: text('region'),
    userPoolID: text('userPoolID'),
    clientID: text('clientID'),
    identityPoolID: text('identityPoolID'),
    adminGroups,
    accessKey,
    secretKey,
    token: text('token'),
  };
}
