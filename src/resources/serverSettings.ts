// The MMBatch server's Cognito settings. Pushing is the last and riskiest step: the server verifies
// the admin token we send, so a push can never lock every admin out, and a refused push leaves
// the server's previous settings in force.
import type { MmbatchServerClient } from '../server/client.js';
import {
  COGNITO_PATH,
  CONFIG_PATH,
  normaliseCognitoSettings,
  readCognitoSettings,
  type CognitoServerSettings,
} from '../server/cognitoSettings.js';
import { ServerError } from '../errors.js';
import { planFrom, sameSet, type Plan } from './plan.js';

export interface DesiredServerSettings {
  url: string;
  region: string;
  userPoolID: string;
  clientID: string;
  identityPoolID: string;
  adminGroups: string[];
}

export type ServerSettingsPlan = Plan<CognitoServerSettings, DesiredServerSettings>;

export { readCognitoSettings as readServerSettings };

export function serverSettingsDrift(live: CognitoServerSettings, desired: DesiredServerSettings): string[] {
  if (!live.enabled) return ['Cognito is off on the server'];
  const drift: string[] = [];
  if (live.userPoolID !== desired.userPoolID) drift.push(`the server points at user pool ${live.userPoolID || '(none)'}`);
  if (live.clientID !== desired.clientID) drift.push(`the server points at client ${live.clientID || '(none)'}`);
  if (live.identityPoolID !== desired.identityPoolID) drift.push(`the server points at identity pool ${live.identityPoolID || '(none)'}`);
  if (live.region !== desired.region) drift.push(`the server's region is ${live.region || '(none)'}`);
  if (!sameSet(live.adminGroups, desired.adminGroups)) drift.push(`the server's admin groups are ${live.adminGroups.join(',') || '(none)'}`);
  return drift;
}

export function planServerSettings(live: CognitoServerSettings, desired: DesiredServerSettings): ServerSettingsPlan {
  const plan = planFrom('server', live, desired, desired.url, (l) => serverSettingsDrift(l, desired));
  // "Off" is a setting, not absence: enabling is an update from the server's point of view.
  return plan.reasons[0] === 'Cognito is off on the server' ? { ...plan, action: 'create' } : plan;
}

export interface PushCredentials {
  /** An access token of an admin from the NEW pool: the server verifies it before switching. */
  adminToken: string;
  /** Needed when Cognito is already on: an admin token under the CURRENT settings. */
  currentBearer?: string;
  /** Optional AWS credentials for the server's own Cognito calls. Secrets: never logged. */
  accessKey?: string;
  secretKey?: string;
}

export async function applyServerSettings(
  server: MmbatchServerClient,
  plan: ServerSettingsPlan,
  credentials: PushCredentials,
): Promise<CognitoServerSettings> {
  if (plan.action === 'unchanged') return plan.live!;
  const { desired } = plan;
  const body: Record<string, string> = {
    region: desired.region,
    userPoolID: desired.userPoolID,
    clientID: desired.clientID,
    identityPoolID: desired.identityPoolID,
    adminGroups: desired.adminGroups.join(','),
    token: credentials.adminToken,
  };
  if (credentials.accessKey && credentials.secretKey) {
    body.accessKey = credentials.accessKey;
    body.secretKey = credentials.secretKey;
  }
  const bearer = plan.live?.enabled ? credentials.currentBearer ?? credentials.adminToken : undefined;
  try {
    await server.json('PUT', COGNITO_PATH, { body, bearer });
  } catch (error) {
    if (error instanceof ServerError && error.status === 401 && plan.live?.enabled && plan.live.userPoolID !== desired.userPoolID) {
      throw new ServerError(error.message, 401, {
        hint: `the server uses user pool ${plan.live.userPoolID}: sign in there first (mmbatch-auth login --user-pool-id ${plan.live.userPoolID} --client-id ${plan.live.clientID}), then run setup again`,
      });
    }
    throw error;
  }
  // Trust what the server now says, not what it echoed.
  const after = await readCognitoSettings(server);
  const left = serverSettingsDrift(after, desired);
  if (left.length) throw new ServerError(`the server accepted the settings but still reports: ${left.join('; ')}`);
  return after;
}

/** The proof that it works: an authenticated call to the API with a real token. */
export async function proveServerAccess(server: MmbatchServerClient, accessToken: string): Promise<CognitoServerSettings> {
  const config = await server.json<{ security?: { cognito?: Record<string, unknown> } }>('GET', CONFIG_PATH, {
    bearer: accessToken,
  });
  return normaliseCognitoSettings(config?.security?.cognito);
}

export async function disableServerCognito(server: MmbatchServerClient, bearer: string | undefined): Promise<void> {
  await server.json('DELETE', COGNITO_PATH, { bearer });
}
