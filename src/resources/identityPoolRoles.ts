// Which role the identity pool hands to signed-in users. Never an unauthenticated role. Role
// mappings someone configured are kept: SetIdentityPoolRoles replaces the whole mapping. In a pool
// setup made, a mapping for a user pool provider the pool no longer has (a user pool or client since
// replaced) goes: SetIdentityPoolRoles refuses the whole request while it is there.
import {
  GetIdentityPoolRolesCommand,
  SetIdentityPoolRolesCommand,
  type GetIdentityPoolRolesCommandOutput,
} from '@aws-sdk/client-cognito-identity';
import { ignoreNotFound, isAwsCode } from '../aws/errors.js';
import { unchangedOrUpdate, type Blocker, type Plan, type Resource, type ResourceEnv } from './plan.js';
import { diffSettings, type SettingSpecs, type WantedSettings } from './settings.js';
import type { Origin } from '../config/settings.js';
import { roleMappingKey, type LiveIdentityPool } from './identityPool.js';

export type LiveIdentityPoolRoles = Omit<GetIdentityPoolRolesCommandOutput, '$metadata'>;

interface RolesUpdate {
  Roles: Record<string, string>;
  RoleMappings?: LiveIdentityPoolRoles['RoleMappings'];
}

/** A mapping keyed by a user pool provider: `cognito-idp.<region>.amazonaws.com/<poolId>:<clientId>`. */
const isUserPoolMappingKey = (key: string) => /^cognito-idp\.[^/]+\.amazonaws\.com\//.test(key);

/**
 * The mappings keyed by a user pool provider the pool does not have: while one is there, AWS
 * refuses every SetIdentityPoolRoles of the pool, whatever it asks.
 */
export function staleMappingKeys(pool: LiveIdentityPool, roles: LiveIdentityPoolRoles, alsoProvider?: string): string[] {
  const providers = new Set((pool.CognitoIdentityProviders ?? []).map(roleMappingKey));
  if (alsoProvider) providers.add(alsoProvider);
  return Object.keys(roles.RoleMappings ?? {}).filter((key) => isUserPoolMappingKey(key) && !providers.has(key));
}

/** Why a pool's roles cannot be changed while it holds the mapping `key` (setup's and teardown's blocker). */
export function staleMappingBlocker(identityPoolId: string, key: string, command: 'setup' | 'teardown'): Blocker {
  return {
    reason: `identity pool ${identityPoolId} has a role mapping for ${key}, a provider it no longer has: AWS refuses every change to its roles while that mapping is there`,
    hint: `remove that mapping (aws cognito-identity set-identity-pool-roles with the roles and mappings the pool should keep), then run ${command} again`,
  };
}

export const IDENTITY_POOL_ROLES_SETTINGS: SettingSpecs<LiveIdentityPoolRoles, RolesUpdate> = {
  authenticatedRole: {
    label: 'authenticated role',
    read: (live) => live.Roles?.authenticated,
    write: (update, value) => {
      update.Roles.authenticated = String(value);
    },
  },
  unauthenticatedRole: {
    label: 'unauthenticated role',
    read: (live) => live.Roles?.unauthenticated,
    write: (update) => {
      delete update.Roles.unauthenticated;
    },
    check: 'cognito_identity_pool_guest_access_disabled',
  },
  roleMappings: {
    label: 'role mappings',
    read: (live) => Object.keys(live.RoleMappings ?? {}),
    write: (update, value) => {
      const kept = new Set(value as string[]);
      const mappings = Object.entries(update.RoleMappings ?? {}).filter(([key]) => kept.has(key));
      update.RoleMappings = mappings.length ? Object.fromEntries(mappings) : undefined;
    },
    check: 'identity_pool_provider_is_this_setup',
  },
};

export interface IdentityPoolRolesWant {
  roleArn: string;
  /** This setup's user pool provider as a role mapping key: `cognito-idp.<region>.amazonaws.com/<poolId>:<clientId>`. */
  provider: string;
}

/**
 * A pool setup made has exactly this setup's user pool provider (identityPool.ts), so a mapping for
 * any other user pool provider is stale; an adopted pool keeps every provider, and every mapping.
 */
export function identityPoolRolesSettings(want: IdentityPoolRolesWant, origin: Origin = 'created'): WantedSettings {
  return {
    authenticatedRole: want.roleArn,
    unauthenticatedRole: undefined,
    ...(origin === 'created'
      ? { roleMappings: (live) => ((live as string[] | undefined) ?? []).filter((key) => !isUserPoolMappingKey(key) || key === want.provider) }
      : {}),
  };
}

export interface IdentityPoolRolesIds {
  identityPool?: string;
  /** The role teardown unmaps. */
  iamRole?: string;
}

/** New roles take a few seconds to be usable across AWS (IAM is eventually consistent). */
const ROLE_PROPAGATION_ATTEMPTS = 8;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function setRoles(env: ResourceEnv, input: { IdentityPoolId: string } & RolesUpdate) {
  for (let attempt = 1; ; attempt++) {
    try {
      await env.aws.identity.send(new SetIdentityPoolRolesCommand(input));
      return;
    } catch (error) {
      // A role just made (or just changed) is not usable for a few seconds: AWS answers "Access to Role
      // '<arn>' is forbidden." (NotAuthorizedException), or names the role in an InvalidParameterException.
      // Judge by the service's own words: our message names the operation, SetIdentityPool*Roles*.
      const serviceMessage = String((error as { cause?: { message?: unknown } }).cause?.message ?? '');
      const propagating =
        (isAwsCode(error, 'NotAuthorizedException') && /access to role/i.test(serviceMessage)) ||
        (isAwsCode(error, 'InvalidParameterException') && /\brole\b/i.test(serviceMessage));
      if (!propagating || attempt >= ROLE_PROPAGATION_ATTEMPTS) throw error;
      env.log.verbose(`  the new role is not usable yet (IAM propagation); trying again`);
      await sleep(Math.min(250 * 2 ** (attempt - 1), 4_000));
    }
  }
}

export const identityPoolRoles: Resource<LiveIdentityPoolRoles, IdentityPoolRolesWant, IdentityPoolRolesIds> = {
  kind: 'identityPoolRoles',
  label: 'identity pool roles',

  async read(env, identityPoolId) {
    const found = await ignoreNotFound(env.aws.identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: identityPoolId })));
    if (!found) return undefined;
    const { $metadata: _metadata, ...roles } = found;
    return roles;
  },

  plan(live, want, origin): Plan<LiveIdentityPoolRoles> {
    // A new pool answers with an empty mapping: that is absence (create), not drift (update).
    const empty = !live || Object.keys(live.Roles ?? {}).length === 0;
    if (empty) {
      const { roleMappings } = identityPoolRolesSettings(want, origin);
      const stale = live && roleMappings ? diffSettings(IDENTITY_POOL_ROLES_SETTINGS, live, { roleMappings }).changes : [];
      return { kind: 'identityPoolRoles', action: 'create', origin, changes: stale, blocked: [], warnings: [], live };
    }
    const diff = diffSettings(IDENTITY_POOL_ROLES_SETTINGS, live, identityPoolRolesSettings(want, origin));
    return { kind: 'identityPoolRoles', id: live.IdentityPoolId, action: unchangedOrUpdate(diff.changes), origin, ...diff, live };
  },

  async apply(env, plan, want, ids) {
    const identityPoolId = ids.identityPool!;
    if (plan.action === 'unchanged') return identityPoolId;
    const update: RolesUpdate = { Roles: { ...(plan.live?.Roles ?? {}) }, RoleMappings: plan.live?.RoleMappings };
    if (plan.action === 'create') update.Roles.authenticated = want.roleArn;
    for (const change of plan.changes) IDENTITY_POOL_ROLES_SETTINGS[change.setting].write!(update, change.to, plan.live!);
    delete update.Roles.unauthenticated;
    await setRoles(env, { IdentityPoolId: identityPoolId, ...update });
    return identityPoolId;
  },

  /** Unmaps our role from a pool that stays (teardown deletes the role, not someone else's pool). */
  async remove(env, live, ids) {
    const roles = Object.fromEntries(Object.entries(live.Roles ?? {}).filter(([, arn]) => arn !== ids.iamRole));
    await env.aws.identity.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: ids.identityPool!, Roles: roles, RoleMappings: live.RoleMappings }));
  },
};
