// The resource table: every resource a setup is made of, in the order setup makes them, with what
// each one needs first, as data. The step runner turns `needs` into the order of work; teardown
// walks the table backwards.
import type { Resource, ResourceKind } from './plan.js';
import type { Origin, RecordedKind } from '../config/settings.js';
import type { SettingSpecs, WantedSettings } from './settings.js';
import { USER_POOL_SETTINGS, userPool } from './userPool.js';
import { APP_CLIENT_SETTINGS, appClient } from './appClient.js';
import { adminGroup } from './adminGroup.js';
import { ADMIN_USER_SETTINGS, adminUser, adminUserSettings } from './adminUser.js';
import { IDENTITY_POOL_SETTINGS, identityPool, identityPoolSettings } from './identityPool.js';
import { ROLE_SETTINGS, iamRole, roleSettings } from './iamRole.js';
import { IDENTITY_POOL_ROLES_SETTINGS, identityPoolRoles, identityPoolRolesSettings } from './identityPoolRoles.js';
import { SERVER_SETTINGS, serverCognito, serverSettings } from './serverSettings.js';

export interface RegistryEntry {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  resource: Resource<any, any, any>;
  /** What must exist (and be known by ID) before this one can be made or changed. */
  needs: readonly ResourceKind[];
  /** Where the settings file records it (the server's settings are recorded as the record's server). */
  recorded?: RecordedKind;
  /** Its settings, and which of them a desired state asks for: what status reports check by check. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  settings?: SettingSpecs<any, any>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  wanted?: (want: any, origin: Origin) => WantedSettings;
}

export const REGISTRY: Record<ResourceKind, RegistryEntry> = {
  userPool: { resource: userPool, needs: [], recorded: 'userPool', settings: USER_POOL_SETTINGS, wanted: (want) => want.settings },
  appClient: { resource: appClient, needs: ['userPool'], recorded: 'appClient', settings: APP_CLIENT_SETTINGS, wanted: (want) => want.settings },
  adminGroup: { resource: adminGroup, needs: ['userPool'], recorded: 'adminGroup' },
  // The admin is made beside the group; only joining it waits for the group (scope.groupReady).
  adminUser: { resource: adminUser, needs: ['userPool'], recorded: 'adminUser', settings: ADMIN_USER_SETTINGS, wanted: adminUserSettings },
  identityPool: { resource: identityPool, needs: ['userPool', 'appClient'], recorded: 'identityPool', settings: IDENTITY_POOL_SETTINGS, wanted: identityPoolSettings },
  iamRole: { resource: iamRole, needs: ['identityPool'], recorded: 'iamRole', settings: ROLE_SETTINGS, wanted: roleSettings },
  identityPoolRoles: { resource: identityPoolRoles, needs: ['identityPool', 'iamRole'], settings: IDENTITY_POOL_ROLES_SETTINGS, wanted: identityPoolRolesSettings },
  server: {
    resource: serverCognito,
    needs: ['userPool', 'appClient', 'identityPool', 'identityPoolRoles', 'adminUser'],
    settings: SERVER_SETTINGS,
    wanted: serverSettings,
  },
};

/** The order setup makes them in (and reports them in). */
export const RESOURCE_ORDER: ResourceKind[] = ['userPool', 'appClient', 'adminGroup', 'adminUser', 'identityPool', 'iamRole', 'identityPoolRoles', 'server'];

export const labelOf = (kind: ResourceKind): string => REGISTRY[kind].resource.label;
