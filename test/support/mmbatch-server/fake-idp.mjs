// A tiny stand-in for a Cognito user pool's token side, for tests of the stand-in server: per-pool
// RSA keys, a JWKS served over http at <url>/<poolId>/.well-known/jwks.json, and RS256-signed
// access and ID tokens shaped like Cognito's.
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import http from 'node:http';

/** @param {object} value */
const b64url = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * @typedef {{ pool: string, clientId: string, username?: string, groups?: string[],
 *   tokenUse?: 'access' | 'id', expiresIn?: number, forgeSignature?: boolean, sub?: string,
 *   claims?: Record<string, unknown> }} TokenSpec
 *   expiresIn: seconds from now (negative: already expired); forgeSignature: signed by a stranger's key;
 *   sub: the user's subject (default: a new one each time); claims: more claims, or ones to replace
 */

export async function startFakeIdp() {
  /** @type {Map<string, { kid: string, privateKey: import('node:crypto').KeyObject, jwk: object }>} */
  const pools = new Map();
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

  const server = http.createServer((req, res) => {
    const match = /^\/([^/]+)\/\.well-known\/jwks\.json$/.exec(req.url ?? '');
    const pool = match && pools.get(decodeURIComponent(match[1]));
    if (!pool) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"no such pool"}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [pool.jwk] }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const url = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
  const issuerFor = (/** @type {string} */ _region, /** @type {string} */ poolId) => `${url}/${poolId}`;

  return {
    url,
    issuerFor,
    /** Creates the pool's signing key. @param {string} poolId */
    addPool(poolId) {
      const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const kid = randomUUID();
      pools.set(poolId, { kid, privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' } });
    },
    /** @param {TokenSpec} spec @returns {string} compact JWS */
    token({ pool, clientId, username = 'alice', groups = [], tokenUse = 'access', expiresIn = 3600, forgeSignature = false, sub = randomUUID(), claims: extra = {} }) {
      const key = pools.get(pool);
      if (!key) throw new Error(`fake IdP: unknown pool ${pool}`);
      const now = Math.floor(Date.now() / 1000);
      const common = {
        sub,
        ...(groups.length ? { 'cognito:groups': groups } : {}),
        iss: issuerFor('', pool),
        origin_jti: randomUUID(),
        event_id: randomUUID(),
        token_use: tokenUse,
        auth_time: now - 10,
        exp: now + expiresIn,
        iat: Math.min(now, now + expiresIn - 60),
        jti: randomUUID(),
      };
      const claims = tokenUse === 'access'
        ? { ...common, client_id: clientId, scope: 'aws.cognito.signin.user.admin', username }
        : { ...common, aud: clientId, 'cognito:username': username, email: `${username}@example.com`, email_verified: true };
      const input = `${b64url({ kid: key.kid, alg: 'RS256' })}.${b64url({ ...claims, ...extra })}`;
      const signature = sign('sha256', Buffer.from(input), forgeSignature ? stranger : key.privateKey);
      return `${input}.${signature.toString('base64url')}`;
    },
    stop() {
      return new Promise((resolve) => {
        server.close(() => resolve(undefined));
        server.closeAllConnections();
      });
    },
  };
}
