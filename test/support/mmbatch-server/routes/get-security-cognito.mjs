// GET /api/v1/security/cognito: public (the web UI reads it before sign-in); adminGroups as a string.

/** @type {import('./index.mjs').Route} */
export const getSecurityCognito = {
  method: 'GET',
  path: '/api/v1/security/cognito',
  access: 'public',
  json: false,
  async handle({ store }) {
    return { status: 200, body: store.cognitoView() };
  },
};
