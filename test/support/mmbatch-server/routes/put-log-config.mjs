// PUT /api/v1/log/config: change some log settings; answers all of them.
import { updateLogConfig } from '../log-config.mjs';

/** @type {import('./index.mjs').Route} */
export const putLogConfig = {
  method: 'PUT',
  path: '/api/v1/log/config',
  access: 'user',
  json: true,
  async handle({ body, store }) {
    updateLogConfig(store.config.log, body);
    return { status: 200, body: store.config.log };
  },
};
