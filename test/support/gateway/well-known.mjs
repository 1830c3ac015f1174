// The token issuer's public documents, served where Cognito serves them: <issuer>/.well-known/{jwks.json,openid-configuration}.

/** @typedef {import('./wire-errors.mjs').WireResponse} WireResponse */

/**
 * @param {{ cognitoLocal: import('./sign-in-rules.mjs').CognitoLocal, issuer: (poolId: string) => string }} deps
 * @returns {(path: string) => Promise<WireResponse | undefined>} undefined for any other path
 */
export function createWellKnownDocuments({ cognitoLocal, issuer }) {
  return async (path) => {
    const match = /^\/([\w-]+)\/\.well-known\/(jwks\.json|openid-configuration)$/.exec(path.split('?')[0]);
    if (!match) return undefined;
    const [, poolId, document] = match;
    // cognito-local signs every pool's tokens with one key and serves it for any pool id.
    if (document === 'jwks.json') return cognitoLocal.get(`/${poolId}/.well-known/jwks.json`);
    // cognito-local's own openid-configuration names localhost:9229 whatever its port; this one points back here.
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        issuer: issuer(poolId),
        jwks_uri: `${issuer(poolId)}/.well-known/jwks.json`,
        id_token_signing_alg_values_supported: ['RS256'],
        subject_types_supported: ['public'],
        response_types_supported: ['code', 'token'],
      }),
    };
  };
}
