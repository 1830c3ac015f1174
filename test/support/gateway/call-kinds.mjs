// Sorts AWS calls into auth, read and write, so tests can assert "a second setup run makes no write call".

const AUTH_OPERATIONS = new Set([
  'InitiateAuth',
  'AdminInitiateAuth',
  'RespondToAuthChallenge',
  'AdminRespondToAuthChallenge',
  'RevokeToken',
  'GetId',
  'GetCredentialsForIdentity',
  'GetOpenIdToken',
]);

const READ_PREFIXES = /^(Describe|Get|List|AdminGet|AdminList)/;

/** @param {string} operation @returns {'auth' | 'read' | 'write'} */
export function callKind(operation) {
  if (AUTH_OPERATIONS.has(operation)) return 'auth';
  return READ_PREFIXES.test(operation) ? 'read' : 'write';
}
