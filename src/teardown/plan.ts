// What teardown will do, decided from the inventory before anything is deleted: the deletions in
// reverse order of creation, and what it keeps (with why). Shown to the operator, confirmed, then
// applied step by step (apply.ts).
import type { UserPoolType } from '@aws-sdk/client-cognito-identity-provider';
import type { Inventory } from '../inventory/read.js';
import type { ExpectedSetup } from '../inventory/expected.js';
import type { CognitoServerSettings } from '../server/cognitoSettings.js';
import type { LiveIdentityPoolRoles } from '../resources/identityPoolRoles.js';
import { foreignRolePolicies } from '../resources/iamRole.js';
import type { ResourceKind } from '../resources/plan.js';
import { carriesOurTags } from './ownership.js';

export type TeardownStep =
  /** Cognito off on the server first: it must never point at a pool that no longer exists. */
  | { resource: 'server'; id: string; live: CognitoServerSettings }
  | { resource: 'identityPoolRoles'; id: string; live: LiveIdentityPoolRoles; roleArn: string }
  | { resource: 'identityPool'; id: string }
  | { resource: 'iamRole'; id: string; roleName: string; inlinePolicies: string[] }
  | { resource: 'appClient'; id: string; userPoolId: string }
  | { resource: 'adminUser'; id: string; userPoolId: string }
  | { resource: 'adminGroup'; id: string; userPoolId: string }
  /** clientId: to forget the admin's cached tokens of this pool. */
  | { resource: 'userPool'; id: string; live: UserPoolType; clientId?: string };

export interface KeptResource {
  resource: ResourceKind;
  id: string;
  reason: string;
}

export interface TeardownPlan {
  steps: TeardownStep[];
  kept: KeptResource[];
}

const NOT_OURS = 'not created by mmbatch-auth (neither in the settings file nor tagged managed-by: mmbatch-auth)';

export function planTeardown(inventory: Inventory, expected: ExpectedSetup): TeardownPlan {
  const { created, base } = expected;
  const kept: KeptResource[] = [];
  const steps: TeardownStep[] = [];

  const pool = inventory.userPool;
  const poolOurs = Boolean(pool?.Id && (created.userPool === pool.Id || carriesOurTags(pool.UserPoolTags, base)));
  if (pool?.Id && !poolOurs) kept.push({ resource: 'userPool', id: pool.Id, reason: NOT_OURS });

  const client = inventory.appClient;
  const clientOurs = Boolean(client?.ClientId && (poolOurs || created.appClient === client.ClientId));
  if (client?.ClientId && !clientOurs) kept.push({ resource: 'appClient', id: client.ClientId, reason: NOT_OURS });

  const identityPool = inventory.identityPool;
  const identityPoolId = identityPool?.IdentityPoolId;
  const identityPoolOurs = Boolean(
    identityPoolId && (created.identityPool === identityPoolId || carriesOurTags(identityPool?.IdentityPoolTags, base)),
  );
  if (identityPoolId && !identityPoolOurs) kept.push({ resource: 'identityPool', id: identityPoolId, reason: NOT_OURS });

  const role = inventory.role?.role;
  let roleDeleted = false;
  if (role?.Arn) {
    const foreign = inventory.rolePolicies ? foreignRolePolicies(inventory.rolePolicies) : [];
    if (expected.roleReused) kept.push({ resource: 'iamRole', id: role.Arn, reason: 'given with --role-arn: never deleted' });
    else if (!(created.iamRole === role.Arn || carriesOurTags(role.Tags, base))) kept.push({ resource: 'iamRole', id: role.Arn, reason: NOT_OURS });
    else if (foreign.length) kept.push({ resource: 'iamRole', id: role.Arn, reason: `it has policies mmbatch-auth did not add: ${foreign.join(', ')}` });
    else roleDeleted = true;
  }

  // The server, if it uses anything about to go.
  const server = inventory.server;
  if (server?.settings.enabled) {
    const uses =
      (poolOurs && server.settings.userPoolID === pool?.Id) ||
      (clientOurs && server.settings.clientID === client?.ClientId) ||
      (identityPoolOurs && server.settings.identityPoolID === identityPoolId);
    if (uses) steps.push({ resource: 'server', id: server.url, live: server.settings });
    else kept.push({ resource: 'server', id: server.url, reason: `its Cognito settings use user pool ${server.settings.userPoolID}, which stays` });
  }

  // A pool that stays keeps its role mapping only if the role stays too.
  const mapping = inventory.identityPoolRoles;
  if (identityPoolId && !identityPoolOurs && roleDeleted && mapping && Object.values(mapping.Roles ?? {}).includes(role!.Arn!)) {
    steps.push({ resource: 'identityPoolRoles', id: identityPoolId, live: mapping, roleArn: role!.Arn! });
  }
  if (identityPoolOurs) steps.push({ resource: 'identityPool', id: identityPoolId! });
  if (roleDeleted) steps.push({ resource: 'iamRole', id: role!.Arn!, roleName: role!.RoleName!, inlinePolicies: inventory.rolePolicies?.inline ?? [] });
  if (clientOurs) steps.push({ resource: 'appClient', id: client!.ClientId!, userPoolId: pool!.Id! });
  // Deleting the pool deletes its users and groups; only a pool that stays needs them deleted one by one.
  if (pool?.Id && !poolOurs) {
    const user = inventory.adminUser;
    if (user && created.adminUser && created.adminUser.toLowerCase() === expected.adminEmail?.toLowerCase()) {
      steps.push({ resource: 'adminUser', id: expected.adminEmail!, userPoolId: pool.Id });
    }
    if (inventory.adminGroup && created.adminGroup === expected.adminGroup) {
      steps.push({ resource: 'adminGroup', id: expected.adminGroup, userPoolId: pool.Id });
    }
  }
  if (poolOurs) steps.push({ resource: 'userPool', id: pool!.Id!, live: pool!, clientId: client?.ClientId ?? expected.ids.clientId });
  return { steps, kept };
}

/** One line per step, for the list shown before confirmation. */
export function describeStep(step: TeardownStep): string {
  switch (step.resource) {
    case 'server':
      return `turn Cognito off on the MMBatch server ${step.id} (it uses user pool ${step.live.userPoolID})`;
    case 'identityPoolRoles':
      return `unmap role ${step.roleArn} from identity pool ${step.id}`;
    case 'identityPool':
      return `delete identity pool ${step.id}`;
    case 'iamRole':
      return `delete IAM role ${step.roleName}${step.inlinePolicies.length ? ' and its inline policy mmbatch-auth' : ''}`;
    case 'appClient':
      return `delete app client ${step.id}`;
    case 'adminUser':
      return `delete user ${step.id} from user pool ${step.userPoolId}`;
    case 'adminGroup':
      return `delete group ${step.id} from user pool ${step.userPoolId}`;
    case 'userPool':
      return `delete user pool ${step.id} with its users and groups${step.live.DeletionProtection === 'ACTIVE' ? ' (lifting its deletion protection)' : ''}`;
  }
}
