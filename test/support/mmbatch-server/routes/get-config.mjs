// GET /api/v1/config: the whole configuration; security.cognito.adminGroups as an array.

/** @type {import('./index.mjs').Route} */
export const getConfig = {
  method: 'GET',
  path: '/api/v1/config',
  access: 'user',
  json: false,
  async handle({ store }) {
    return { status: 200, body: store.config };
  },
};
