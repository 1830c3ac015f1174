// DELETE /api/v1/security/cognito: disable Cognito, keeping the pool settings.

/** @type {import('./index.mjs').Route} */
export const deleteSecurityCognito = {
  method: 'DELETE',
  path: '/api/v1/security/cognito',
  access: 'admin',
  json: false,
  async handle({ store }) {
    store.disableCognito();
    return { status: 200, body: store.cognitoView() };
  },
};
