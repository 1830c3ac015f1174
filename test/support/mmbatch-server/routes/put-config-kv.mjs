// PUT /api/v1/configKV: change settings by full key path; answers the whole configuration.
import { applyConfigKV } from '../config-kv.mjs';

/** @type {import('./index.mjs').Route} */
export const putConfigKV = {
  method: 'PUT',
  path: '/api/v1/configKV',
  access: 'user',
  json: true,
  async handle({ body, store }) {
    applyConfigKV(store.config, body);
    return { status: 200, body: store.config };
  },
};
