// The MMBatch server's Cognito settings: the commit point of a setup. Switching them is the last
// step and the riskiest: the server verifies the admin token we send, so a push can never lock
// every admin out, and a refused push leaves its previous settings in force. After the switch the
// settings are read back through an authenticated GET /api/v1/config: the proof that the server
// now accepts the new pool's tokens.
import type { MmbatchServerClient } from '../server/client.js';
import { COGNITO_PATH, CONFIG_PATH, normaliseCognitoSettings, readCognitoSettings, type CognitoServerSettings } from '../server/cognitoSettings.js';
import { ServerError } from '../errors.js';
import { unchangedOrUpdate, type Plan, type Resource } from './plan.js';
import { diffSettings, type SettingSpecs, type WantedSettings } from './settings.js';

const CHECK = 'server_settings_match_aws';
const field = (key: 'region' | 'userPoolID' | 'clientID' | 'identityPoolID', label: string) => ({
  label,
  read: (live: CognitoServerSettings) => live[key] || undefined,
  write: () => undefined, // the push sends the whole section
  check: CHECK,
});

export const SERVER_SETTINGS: SettingSpecs<CognitoServerSettings, unknown> = {
  enabled: { label: 'Cognito', read: (live) => (live.enabled ? 'on' : 'off'), write: () => undefined, check: CHECK },
  region: field('region', 'region'),
  userPoolID: field('userPoolID', 'user pool'),
  clientID: field('clientID', 'app client'),
  identityPoolID: field('identityPoolID', 'identity pool'),
  adminGroups: { label: 'admin groups', read: (live) => live.adminGroups, write: () => undefined, check: CHECK },
};

export interface ServerWant {
  region: string;
  userPoolID: string;
  clientID: string;
  identityPoolID: string;
  adminGroups: string[];
  /** Given at apply time, never planned: tokens are secrets. */
  credentials?: PushCredentials;
}

export interface PushCredentials {
  /** An access token of an admin of the NEW pool: the server verifies it before it switches. */
  adminToken: string;
  /** When Cognito is on already: an admin token the server accepts under its CURRENT settings. */
  currentBearer?: string;
}

export interface ServerScope {
  server: MmbatchServerClient;
  /** remove(): an admin token under the server's current settings. */
  bearer?: string;
}

export function serverSettings(want: ServerWant): WantedSettings {
  return {
    enabled: 'on',
    region: want.region,
    userPoolID: want.userPoolID,
    clientID: want.clientID,
    identityPoolID: want.identityPoolID,
    adminGroups: want.adminGroups,
  };
}

/** True when the server's settings are this setup's. */
export function serverUses(live: CognitoServerSettings, ids: { userPool?: string; appClient?: string; identityPool?: string }): boolean {
  return live.enabled && Boolean((ids.userPool && live.userPoolID === ids.userPool) || (ids.appClient && live.clientID === ids.appClient) || (ids.identityPool && live.identityPoolID === ids.identityPool));
}

export const serverCognito: Resource<CognitoServerSettings, ServerWant, ServerScope> = {
  kind: 'server',
  label: 'MMBatch server',

  read: (_env, _url, scope) => readCognitoSettings(scope.server),

  plan(live, want, origin): Plan<CognitoServerSettings> {
    const diff = diffSettings(SERVER_SETTINGS, live!, serverSettings(want));
    // "Off" is a setting, not absence; shown as enabling it.
    const action = !live!.enabled ? 'create' : unchangedOrUpdate(diff.changes);
    return { kind: 'server', action, origin, ...diff, live };
  },

  async apply(_env, plan, want, scope) {
    const { server } = scope;
    if (plan.action === 'unchanged') return server.url;
    const credentials = want.credentials!;
    const body: Record<string, string> = {
      region: want.region,
      userPoolID: want.userPoolID,
      clientID: want.clientID,
      identityPoolID: want.identityPoolID,
      adminGroups: want.adminGroups.join(','),
      token: credentials.adminToken,
    };
    const bearer = plan.live?.enabled ? credentials.currentBearer ?? credentials.adminToken : undefined;
    await server.json('PUT', COGNITO_PATH, { body, bearer });
    // Trust what the server now says to the new admin, not what it echoed.
    const after = await readConfigAs(server, credentials.adminToken);
    const left = diffSettings(SERVER_SETTINGS, after, serverSettings(want)).changes;
    if (left.length) throw new ServerError(`the server accepted the settings but still reports ${left.map((c) => `${c.label} ${String(c.from)}`).join(', ')}`);
    return server.url;
  },

  async remove(_env, _live, scope) {
    await scope.server.json('DELETE', COGNITO_PATH, { bearer: scope.bearer });
    const after = await readCognitoSettings(scope.server);
    if (after.enabled) throw new ServerError(`the server accepted DELETE ${COGNITO_PATH} but still reports Cognito on`);
  },
};

/**
 * Whether the server's authenticated config (GET /api/v1/config, which carries no region) is the
 * setup's: on, with its pool, client, identity pool and admin groups.
 */
export function enforcesSetup(enforced: CognitoServerSettings, want: ServerWant): boolean {
  const sameGroups = [...enforced.adminGroups].sort().join(',') === [...want.adminGroups].sort().join(',');
  return enforced.enabled && enforced.userPoolID === want.userPoolID && enforced.clientID === want.clientID && enforced.identityPoolID === want.identityPoolID && sameGroups;
}

/** The authenticated GET /api/v1/config: the proof that the server accepts this token. */
export async function readConfigAs(server: MmbatchServerClient, accessToken: string): Promise<CognitoServerSettings> {
  const config = await server.json<{ security?: { cognito?: Record<string, unknown> } }>('GET', CONFIG_PATH, { bearer: accessToken });
  return normaliseCognitoSettings(config?.security?.cognito);
}
