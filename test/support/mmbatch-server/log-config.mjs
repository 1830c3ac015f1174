// GET/PUT /api/v1/log/config: the `log` section, changed field by field with its types kept.
import { invalidArgument } from './api-error.mjs';

const LEVELS = ['debug', 'info', 'warn', 'error'];
const FORMATS = ['text', 'json'];

/**
 * @param {Record<string, any>} log the live `log` section, changed in place
 * @param {unknown} body parsed JSON, a partial log section
 */
export function updateLogConfig(log, body) {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalidArgument('body must be a JSON object');
  const changes = Object.entries(body);
  for (const [key, value] of changes) {
    if (!Object.hasOwn(log, key)) throw invalidArgument(`unknown log setting ${key}`);
    if (typeof value !== typeof log[key]) throw invalidArgument(`${key} must be a ${typeof log[key]}`);
    if (key === 'level' && !LEVELS.includes(value)) throw invalidArgument(`level must be one of ${LEVELS.join(', ')}`);
    if (key === 'format' && !FORMATS.includes(value)) throw invalidArgument(`format must be one of ${FORMATS.join(', ')}`);
  }
  Object.assign(log, Object.fromEntries(changes));
}
