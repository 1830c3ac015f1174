// What a setup wants of each resource, from its inputs and the IDs of what it depends on: the one
// definition of "the safe settings" that setup applies, status checks and --dry-run shows.
import { appClientName, identityPoolName, managedTags, roleName, userPoolName } from '../config/names.js';
import type { MmbatchServerClient } from '../server/client.js';
import type { UpstreamIds } from '../resources/plan.js';
import { userPoolSettings, type MfaMode, type ThreatProtection, type UserPoolWant } from '../resources/userPool.js';
import { safeAppClientSettings, type AppClientWant } from '../resources/appClient.js';
import type { AdminGroupWant } from '../resources/adminGroup.js';
import type { AdminUserWant } from '../resources/adminUser.js';
import { userPoolProviderName, type IdentityPoolWant } from '../resources/identityPool.js';
import type { RoleWant } from '../resources/iamRole.js';
import type { IdentityPoolRolesWant } from '../resources/identityPoolRoles.js';
import type { ServerWant } from '../resources/serverSettings.js';
import type { PolicyDocument } from '../resources/trustPolicy.js';
import type { HandedOver } from './locate.js';

export interface SetupInputs {
  name: string;
  region: string;
  adminEmail: string;
  /** A secret: never logged, never in a plan or a record. */
  adminPassword?: string;
  adminGroup: string;
  authFlows: string[];
  /** `--mfa`: TOTP required, optional (the default: users choose), or off. */
  mfa: MfaMode;
  /** `--threat-protection`: the Plus feature plan and threat protection in this mode; absent: not asked for. */
  threatProtection?: ThreatProtection;
  handedOver: HandedOver;
  rolePolicy?: PolicyDocument;
  server?: MmbatchServerClient;
}

export interface Wants {
  userPool: UserPoolWant;
  appClient: AppClientWant;
  adminGroup: AdminGroupWant;
  adminUser: AdminUserWant;
  identityPool: IdentityPoolWant;
  iamRole: RoleWant;
  identityPoolRoles: IdentityPoolRolesWant;
  server: ServerWant;
}

/** Stands for an ID that does not exist yet (a dry run, or a plan made before anything is created). */
/** The MFA and threat protection a record asks for (an older record, from before they were asked: the defaults). */
export function recordedChoices(view: { mfa?: string; threatProtection?: string }): Pick<SetupInputs, 'mfa' | 'threatProtection'> {
  const mfa = (['required', 'optional', 'off'] as const).find((mode) => mode === view.mfa) ?? 'optional';
  const threatProtection = (['audit', 'enforce'] as const).find((mode) => mode === view.threatProtection);
  return { mfa, ...(threatProtection ? { threatProtection } : {}) };
}

export const pendingId = (what: string) => `(new ${what})`;
export const isPending = (id: string | undefined) => id === undefined || id.startsWith('(new ');

export function desiredState(inputs: SetupInputs, ids: UpstreamIds): Wants {
  const tags = managedTags(inputs.name);
  const userPoolId = ids.userPool ?? pendingId('user pool');
  const clientId = ids.appClient ?? pendingId('app client');
  const identityPoolId = ids.identityPool ?? pendingId('identity pool');
  return {
    userPool: { name: userPoolName(inputs.name), tags, settings: userPoolSettings(inputs) },
    appClient: { name: appClientName(inputs.name), settings: safeAppClientSettings(inputs.authFlows) },
    adminGroup: { name: inputs.adminGroup },
    adminUser: { email: inputs.adminEmail, group: inputs.adminGroup, password: inputs.adminPassword },
    identityPool: { name: identityPoolName(inputs.name), tags, region: inputs.region, userPoolId, clientId },
    iamRole: { name: roleName(inputs.name), tags, identityPoolId, inlinePolicy: inputs.rolePolicy },
    identityPoolRoles: { roleArn: ids.iamRole ?? pendingId('IAM role'), provider: `${userPoolProviderName(inputs.region, userPoolId)}:${clientId}` },
    server: {
      region: inputs.region,
      userPoolID: userPoolId,
      clientID: clientId,
      identityPoolID: identityPoolId,
      adminGroups: [inputs.adminGroup],
    },
  };
}
