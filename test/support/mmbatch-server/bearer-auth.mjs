// Who is calling: the bearer token of a request, checked against the CURRENT Cognito settings,
// and the access rule of each route ('public', 'user', 'admin') applied while Cognito is on.
import { forbidden, unauthorized } from './api-error.mjs';
import { isAdmin, TokenRejectedError } from './access-token.mjs';

/**
 * @typedef {'public' | 'user' | 'admin'} Access
 * @typedef {{ bearer: boolean, user: import('./access-token.mjs').TokenUser | null, rejection: string | null }} Caller
 */

/** The scheme word is matched without regard to case. @param {string | undefined} header */
export function bearerToken(header) {
  const match = /^bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return match ? match[1] : null;
}

/**
 * Tokens are only checked while Cognito is enabled; before that nobody is "authorized".
 * @param {string | undefined} authorization the request's header
 * @param {import('./cognito-settings.mjs').CognitoSection} cognito current settings
 * @param {import('./access-token.mjs').AccessTokenVerifier} tokens
 * @returns {Promise<Caller>}
 */
export async function identifyCaller(authorization, cognito, tokens) {
  const token = bearerToken(authorization);
  if (!token) return { bearer: false, user: null, rejection: 'a bearer access token is required' };
  if (!cognito.enabled) return { bearer: true, user: null, rejection: null };
  try {
    return { bearer: true, user: await tokens.verify(token, cognito), rejection: null };
  } catch (err) {
    if (err instanceof TokenRejectedError) return { bearer: true, user: null, rejection: err.message };
    throw err;
  }
}

/**
 * @param {Access} access
 * @param {Caller} caller
 * @param {import('./cognito-settings.mjs').CognitoSection} cognito
 */
export function enforceAccess(access, caller, cognito) {
  if (access === 'public' || !cognito.enabled) return;
  if (!caller.user) throw unauthorized(caller.rejection ?? 'token rejected');
  if (access === 'admin' && !isAdmin(caller.user.groups, cognito.adminGroups)) {
    throw forbidden(`admin operation: the user must be in one of the groups ${cognito.adminGroups.join(', ')}`);
  }
}
