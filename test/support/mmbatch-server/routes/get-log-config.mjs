// GET /api/v1/log/config: the server's log settings.

/** @type {import('./index.mjs').Route} */
export const getLogConfig = {
  method: 'GET',
  path: '/api/v1/log/config',
  access: 'user',
  json: false,
  async handle({ store }) {
    return { status: 200, body: store.config.log };
  },
};
