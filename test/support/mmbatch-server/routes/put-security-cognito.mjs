// PUT /api/v1/security/cognito: enable (or re-point) Cognito. The body's token must be an admin's
// access token from the NEW pool and client, so enabling can never lock every admin out.
import { invalidArgument } from '../api-error.mjs';
import { isAdmin, TokenRejectedError } from '../access-token.mjs';
import { parseCognitoRequest } from '../cognito-settings.mjs';

/** @type {import('./index.mjs').Route} */
export const putSecurityCognito = {
  method: 'PUT',
  path: '/api/v1/security/cognito',
  access: 'admin',
  json: true,
  async handle({ body, store, tokens }) {
    const request = parseCognitoRequest(body);
    let user;
    try {
      user = await tokens.verify(request.token, request);
    } catch (err) {
      if (err instanceof TokenRejectedError) throw invalidArgument(err.message);
      throw err;
    }
    if (!isAdmin(user.groups, request.adminGroups)) {
      throw invalidArgument(`token's user ${user.username} is in none of the admin groups ${request.adminGroups.join(', ')}`);
    }
    store.enableCognito(request);
    return { status: 200, body: store.cognitoView() };
  },
};
