// PUT /api/v1/configKV: set settings by full key path; values arrive as strings and take the
// type of the value they replace (lists comma-separated, maps `k:v,k:v`). All or nothing.
import { invalidArgument } from './api-error.mjs';

/** Assumed: the Cognito section only changes through /api/v1/security/cognito, with its checks. */
const PROTECTED_PREFIX = 'security.cognito';

/** @param {unknown} value */
const isPlainObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A map setting (like node.labels) holds only scalars; an object holding objects is a section. */
const isSection = (/** @type {unknown} */ value) =>
  isPlainObject(value) && Object.values(/** @type {object} */ (value)).some((v) => v !== null && typeof v === 'object');

/**
 * @param {string} key
 * @param {unknown} current
 * @param {string} text
 */
function coerce(key, current, text) {
  if (typeof current === 'number') {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n)) throw invalidArgument(`${key} must be a number`);
    return n;
  }
  if (typeof current === 'boolean') {
    if (!/^(true|false)$/i.test(text.trim())) throw invalidArgument(`${key} must be true or false`);
    return text.trim().toLowerCase() === 'true';
  }
  if (Array.isArray(current)) return text.split(',').map((s) => s.trim()).filter(Boolean);
  if (isPlainObject(current)) {
    /** @type {Record<string, string>} */
    const map = {};
    for (const pair of text.split(',').map((s) => s.trim()).filter(Boolean)) {
      const colon = pair.indexOf(':');
      if (colon <= 0) throw invalidArgument(`${key} must be a map written k:v,k:v`);
      map[pair.slice(0, colon).trim()] = pair.slice(colon + 1).trim();
    }
    return map;
  }
  return text;
}

/**
 * @param {Record<string, any>} config the live config, changed in place
 * @param {unknown} body parsed JSON `{ kvMap: { "a.b": "v" } }`
 */
export function applyConfigKV(config, body) {
  const kvMap = isPlainObject(body) ? /** @type {any} */ (body).kvMap : undefined;
  if (!isPlainObject(kvMap) || Object.keys(kvMap).length === 0) throw invalidArgument('kvMap must be a non-empty object');
  /** @type {Array<[Record<string, any>, string, unknown]>} */
  const writes = [];
  for (const [key, text] of Object.entries(kvMap)) {
    if (typeof text !== 'string') throw invalidArgument(`${key}: values must be strings`);
    if (key === PROTECTED_PREFIX || key.startsWith(`${PROTECTED_PREFIX}.`)) {
      throw invalidArgument(`${key} can only be changed through /api/v1/security/cognito`);
    }
    const parts = key.split('.');
    const leaf = /** @type {string} */ (parts.pop());
    let parent = config;
    for (const part of parts) {
      parent = Object.hasOwn(parent, part) && isPlainObject(parent[part]) ? parent[part] : undefined;
      if (!parent) break;
    }
    if (!parent || !Object.hasOwn(parent, leaf)) throw invalidArgument(`unknown key ${key}`);
    if (isSection(parent[leaf])) throw invalidArgument(`${key} is a section, not a setting`);
    writes.push([parent, leaf, coerce(key, parent[leaf], text)]);
  }
  for (const [parent, leaf, value] of writes) parent[leaf] = value;
}
