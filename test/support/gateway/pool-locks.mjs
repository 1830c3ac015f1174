// cognito-local keeps each user pool in memory and rewrites its whole file (.cognito/db/<poolId>.json) on every
// change, sign-ins included (they store refresh tokens), with no lock: two calls on one pool at once can lose an
// update or leave a corrupt file; app clients of every pool share one file (clients.json) the same way. So the
// gateway lets one call at a time work on a pool (and one at a time change clients.json), while calls on different
// pools run side by side.

/** Operations that rewrite clients.json, shared by all pools. */
const CLIENT_FILE_WRITES = new Set(['CreateUserPoolClient', 'UpdateUserPoolClient', 'DeleteUserPoolClient']);
const CLIENTS_FILE = 'clients.json';

/**
 * @param {{ poolOfClient: (clientId: string) => Promise<string | undefined> }} deps
 *   poolOfClient: the pool an app client belongs to (sign-ins name only the client)
 */
export function createPoolLocks({ poolOfClient }) {
  /** @type {Map<string, Promise<unknown>>} the last turn queued on each key */
  const tails = new Map();
  /** Clients never move between pools, so their pool is looked up once. @type {Map<string, string>} */
  const clientPools = new Map();

  /**
   * The keys a call must hold: its pool, named directly, through its app client or through its access token.
   * @param {string} operation @param {Record<string, any>} input @returns {Promise<string[]>}
   */
  async function keysFor(operation, input) {
    const keys = new Set();
    const pool = input.UserPoolId ?? (await poolNamedByClient(input.ClientId)) ?? poolOfAccessToken(input.AccessToken);
    if (pool) keys.add(`pool:${pool}`);
    if (CLIENT_FILE_WRITES.has(operation)) keys.add(CLIENTS_FILE);
    return [...keys].sort(); // one order for everyone, so two calls never wait for each other's second key
  }

  /** @param {unknown} clientId */
  async function poolNamedByClient(clientId) {
    if (typeof clientId !== 'string' || !clientId) return undefined;
    const known = clientPools.get(clientId);
    if (known) return known;
    const pool = await poolOfClient(clientId);
    if (pool) clientPools.set(clientId, pool);
    return pool;
  }

  /**
   * Runs `work` once it holds every key the call needs.
   * @template T
   * @param {string} operation @param {Record<string, any>} input @param {() => Promise<T>} work
   * @returns {Promise<T>}
   */
  async function withLocks(operation, input, work) {
    const keys = await keysFor(operation, input);
    const waits = keys.map((key) => tails.get(key) ?? Promise.resolve());
    /** @type {() => void} */
    let release = () => undefined;
    const done = new Promise((resolve) => {
      release = () => resolve(undefined);
    });
    for (const key of keys) tails.set(key, done);
    try {
      await Promise.all(waits);
      return await work();
    } finally {
      release();
      for (const key of keys) if (tails.get(key) === done) tails.delete(key);
    }
  }

  return { withLocks, keysFor };
}

/** The pool an access token was issued by: its `iss` ends in the pool id. @param {unknown} token */
function poolOfAccessToken(token) {
  if (typeof token !== 'string') return undefined;
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    return typeof claims.iss === 'string' ? claims.iss.split('/').pop() : undefined;
  } catch {
    return undefined;
  }
}
