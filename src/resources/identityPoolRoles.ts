// Which role the identity pool hands to signed-in users. Never an unauthenticated role.
import {
  GetIdentityPoolRolesCommand,
  SetIdentityPoolRolesCommand,
  type CognitoIdentityClient,
  type GetIdentityPoolRolesCommandOutput,
} from '@aws-sdk/client-cognito-identity';
import { isAwsCode } from '../aws/errors.js';
import { planFrom, type Plan } from './plan.js';

export type LiveIdentityPoolRoles = GetIdentityPoolRolesCommandOutput;

export interface DesiredIdentityPoolRoles {
  identityPoolId: string;
  roleArn: string;
}

export type IdentityPoolRolesPlan = Plan<LiveIdentityPoolRoles, DesiredIdentityPoolRoles>;

export async function readIdentityPoolRoles(
  identity: CognitoIdentityClient,
  identityPoolId: string,
): Promise<LiveIdentityPoolRoles | undefined> {
  try {
    return await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: identityPoolId }));
  } catch (error) {
    if (isAwsCode(error, 'ResourceNotFoundException')) return undefined;
    throw error;
  }
}

export function identityPoolRolesDrift(live: LiveIdentityPoolRoles, desired: DesiredIdentityPoolRoles): string[] {
  const drift: string[] = [];
  const roles = live.Roles ?? {};
  if (roles.authenticated !== desired.roleArn) drift.push(`the authenticated role is not ${desired.roleArn}`);
  if (roles.unauthenticated) drift.push('an unauthenticated role is set');
  return drift;
}

export function planIdentityPoolRoles(
  live: LiveIdentityPoolRoles | undefined,
  desired: DesiredIdentityPoolRoles,
): IdentityPoolRolesPlan {
  // A new pool answers with an empty mapping: that is absence (create), not drift (update).
  const present = live ?? { Roles: {}, $metadata: {} };
  const plan = planFrom('identityPoolRoles', present, desired, desired.identityPoolId, (l) => identityPoolRolesDrift(l, desired));
  const empty = Object.keys(present.Roles ?? {}).length === 0;
  return empty ? { ...plan, action: 'create', reasons: ['missing'] } : plan;
}

/** New roles take a few seconds to be usable across AWS (IAM is eventually consistent). */
const ROLE_PROPAGATION_ATTEMPTS = 8;

export async function applyIdentityPoolRoles(
  identity: CognitoIdentityClient,
  plan: IdentityPoolRolesPlan,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<string> {
  if (plan.action === 'unchanged') return plan.desired.identityPoolId;
  // SetIdentityPoolRoles replaces the whole mapping: keep any role mappings someone configured.
  const input = {
    IdentityPoolId: plan.desired.identityPoolId,
    Roles: { authenticated: plan.desired.roleArn },
    RoleMappings: plan.live?.RoleMappings,
  };
  for (let attempt = 1; ; attempt++) {
    try {
      await identity.send(new SetIdentityPoolRolesCommand(input));
      return plan.desired.identityPoolId;
    } catch (error) {
      // Judge by the service's own words: our message names the operation, SetIdentityPool*Roles*.
      const serviceMessage = String((error as { cause?: { message?: unknown } }).cause?.message ?? '');
      const propagating = isAwsCode(error, 'InvalidParameterException') && /\brole\b/i.test(serviceMessage);
      if (!propagating || attempt >= ROLE_PROPAGATION_ATTEMPTS) throw error;
      await sleep(Math.min(250 * 2 ** (attempt - 1), 4_000));
    }
  }
}

/**
 * Unmaps one role from a pool that stays (teardown deletes the role but not someone else's pool).
 * Other roles and the role mappings are kept: SetIdentityPoolRoles replaces the whole mapping.
 */
export async function unmapIdentityPoolRole(
  identity: CognitoIdentityClient,
  live: LiveIdentityPoolRoles & { IdentityPoolId?: string },
  identityPoolId: string,
  roleArn: string,
): Promise<void> {
  const roles = Object.fromEntries(Object.entries(live.Roles ?? {}).filter(([, arn]) => arn !== roleArn));
  await identity.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: identityPoolId, Roles: roles, RoleMappings: live.RoleMappings }));
}
