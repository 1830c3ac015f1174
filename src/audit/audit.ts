// `status` as a composition: the inventory of live resources, checked with each resource's own
// drift function against what setup would leave. No new rules live here, so `status` and `setup`
// can never disagree about what "safe" means.
import type { Inventory } from '../inventory/read.js';
import type { ExpectedSetup } from '../inventory/expected.js';
import type { ResourceKind } from '../resources/plan.js';
import { userPoolDrift, userPoolUnrepairable } from '../resources/userPool.js';
import { appClientDrift } from '../resources/appClient.js';
import { adminUserDrift } from '../resources/adminUser.js';
import { identityPoolDrift } from '../resources/identityPool.js';
import { roleDrift } from '../resources/iamRole.js';
import { identityPoolRolesDrift } from '../resources/identityPoolRoles.js';
import { serverSettingsDrift } from '../resources/serverSettings.js';

export type ResourceState = 'ok' | 'drift' | 'missing';

export interface AuditEntry {
  resource: ResourceKind;
  /** The live resource's ID; for a missing one, the ID setup recorded (or null). */
  id: string | null;
  state: ResourceState;
  /** Every difference from the safe settings; for a missing resource, why it counts as missing. */
  drift: string[];
}

export interface AuditReport {
  ok: boolean;
  resources: AuditEntry[];
}

const entry = (resource: ResourceKind, id: string | undefined, live: unknown, drift: () => string[]): AuditEntry => {
  if (live === undefined) return { resource, id: id ?? null, state: 'missing', drift: [] };
  const found = drift();
  return { resource, id: id ?? null, state: found.length ? 'drift' : 'ok', drift: found };
};

export function auditInventory(inventory: Inventory, expected: ExpectedSetup): AuditReport {
  const { ids } = expected;
  const userPoolId = inventory.userPool?.Id ?? ids.userPoolId;
  const clientId = inventory.appClient?.ClientId ?? ids.clientId;
  const identityPoolId = inventory.identityPool?.IdentityPoolId ?? ids.identityPoolId;
  const roleArn = inventory.role?.role.Arn ?? ids.roleArn;

  const resources: AuditEntry[] = [
    entry('userPool', userPoolId, inventory.userPool, () => [
      ...userPoolDrift(inventory.userPool!, { selfSignupDisabled: true }),
      ...userPoolUnrepairable(inventory.userPool!),
    ]),
    entry('appClient', clientId, inventory.appClient, () => appClientDrift(inventory.appClient!, { authFlows: expected.authFlows })),
    entry('adminGroup', expected.adminGroup, inventory.adminGroup, () => []),
    entry('adminUser', expected.adminEmail, inventory.adminUser, () =>
      adminUserDrift(inventory.adminUser!, { userPoolId: userPoolId ?? '', email: expected.adminEmail!, group: expected.adminGroup }),
    ),
    entry('identityPool', identityPoolId, inventory.identityPool, () =>
      identityPoolDrift(inventory.identityPool!, { region: expected.region, userPoolId: userPoolId ?? '(missing user pool)', clientId: clientId ?? '(missing app client)' }),
    ),
    entry('iamRole', roleArn, inventory.role, () => roleDrift(inventory.role!, { identityPoolId: identityPoolId ?? '(missing identity pool)' })),
    identityPoolRolesEntry(inventory, identityPoolId, roleArn),
  ];
  if (inventory.server) resources.push(serverEntry(inventory, expected, { userPoolId, clientId, identityPoolId }));
  return { ok: resources.every((resource) => resource.state === 'ok'), resources };
}

/** A pool with an empty role mapping is as good as no mapping: setup would create it. */
function identityPoolRolesEntry(inventory: Inventory, identityPoolId: string | undefined, roleArn: string | undefined): AuditEntry {
  const live = inventory.identityPoolRoles;
  const mapped = live && Object.keys(live.Roles ?? {}).length > 0 ? live : undefined;
  return entry('identityPoolRoles', identityPoolId, mapped, () =>
    identityPoolRolesDrift(mapped!, { identityPoolId: identityPoolId ?? '', roleArn: roleArn ?? '(missing role)' }),
  );
}

/** Cognito off on the server is "missing": setup would enable it, as it would create a resource. */
function serverEntry(
  inventory: Inventory,
  expected: ExpectedSetup,
  live: { userPoolId?: string; clientId?: string; identityPoolId?: string },
): AuditEntry {
  const { url, settings } = inventory.server!;
  const drift = serverSettingsDrift(settings, {
    url,
    region: expected.region,
    userPoolID: live.userPoolId ?? '',
    clientID: live.clientId ?? '',
    identityPoolID: live.identityPoolId ?? '',
    adminGroups: [expected.adminGroup],
  });
  if (!settings.enabled) return { resource: 'server', id: url, state: 'missing', drift };
  return { resource: 'server', id: url, state: drift.length ? 'drift' : 'ok', drift };
}
