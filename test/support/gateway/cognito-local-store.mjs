// Reads cognito-local's own state files (.cognito/db/*.json, stormdb): app clients, pools, users with plain passwords.
// The gateway needs them where cognito-local has no API (SRP needs the password; nothing lists a user's password).
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * @typedef {{ Name: string, Value?: string }} Attribute
 * @typedef {{ Username: string, Password?: string, Attributes?: Attribute[], Enabled?: boolean, UserStatus?: string }} StoredUser
 * @typedef {{ ClientId: string, UserPoolId: string, ClientSecret?: string, ExplicitAuthFlows?: string[], PreventUserExistenceErrors?: string }} StoredAppClient
 */

/** @param {string} dbDir the `.cognito/db` directory under cognito-local's working directory */
export function createCognitoLocalStore(dbDir) {
  /** @returns {Promise<StoredAppClient | undefined>} @param {string} clientId */
  async function appClient(clientId) {
    const db = await readDb('clients');
    return db?.Clients?.[clientId];
  }

  /**
   * Finds a user the way Cognito resolves a sign-in name: the username, else the sub, else an alias
   * (email or phone) the pool signs in with.
   * @param {string} poolId @param {string} name @returns {Promise<StoredUser | undefined>}
   */
  async function findUser(poolId, name) {
    const db = await readDb(poolId);
    const users = /** @type {Record<string, StoredUser>} */ (db?.Users ?? {});
    if (users[name]) return users[name];
    const aliases = ['sub', ...(db?.Options?.UsernameAttributes ?? [])];
    return Object.values(users).find((user) =>
      aliases.some((alias) => user.Attributes?.some((a) => a.Name === alias && a.Value === name)),
    );
  }

  /**
   * A pool's group, or why there is none: no such pool, or no such group in it.
   * @param {string} poolId @param {string} groupName
   * @returns {Promise<{ poolExists: boolean, group?: Record<string, any> }>}
   */
  async function findGroup(poolId, groupName) {
    const db = await readDb(poolId);
    return { poolExists: Boolean(db), group: db?.Groups?.[groupName] };
  }

  /** The pool's PasswordPolicy as cognito-local keeps it (absent after an UpdateUserPool without Policies). @param {string} poolId */
  async function passwordPolicy(poolId) {
    const db = await readDb(poolId);
    return db?.Options?.Policies?.PasswordPolicy;
  }

  /** The pool's options as cognito-local keeps them (AdminCreateUserConfig, UserPoolTags, ...). @param {string} poolId */
  async function poolOptions(poolId) {
    const db = await readDb(poolId);
    return /** @type {Record<string, any> | undefined} */ (db?.Options);
  }

  /** @param {string} name */
  async function readDb(name) {
    if (!/^[\w-]+$/.test(name)) return undefined; // never let an id from a request walk out of the directory
    const file = path.join(dbDir, `${name}.json`);
    // cognito-local rewrites these files in place; a read can land mid-write, so try again briefly.
    for (let attempt = 0; ; attempt += 1) {
      try {
        return JSON.parse(await readFile(file, 'utf8'));
      } catch (error) {
        if (/** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT') return undefined;
        if (attempt >= 10) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  }

  return { appClient, findUser, findGroup, passwordPolicy, poolOptions };
}
