// The identity pool: authenticated identities only, the basic (classic) flow off, federated from
// this setup's user pool and client with server-side token checks (a revoked user loses AWS
// credentials too). A pool setup made has that one provider; in an adopted pool the other
// providers are someone's and stay, and teardown takes back only the one setup added.
import {
  CreateIdentityPoolCommand,
  DeleteIdentityPoolCommand,
  DescribeIdentityPoolCommand,
  paginateListIdentityPools,
  UpdateIdentityPoolCommand,
  type CognitoIdentityProvider,
  type DescribeIdentityPoolCommandOutput,
  type UpdateIdentityPoolCommandInput,
} from '@aws-sdk/client-cognito-identity';
import { ignoreNotFound } from '../aws/errors.js';
import { AwsError } from '../errors.js';
import { TAG_CREATED } from '../config/names.js';
import type { Origin } from '../config/settings.js';
import { unchangedOrUpdate, type Plan, type Resource, type ResourceEnv } from './plan.js';
import { diffSettings, writeChanges, type SettingSpecs, type WantedSettings } from './settings.js';

export type LiveIdentityPool = Omit<DescribeIdentityPoolCommandOutput, '$metadata'>;

/** The provider name Cognito Identity expects for a user pool. */
export function userPoolProviderName(region: string, userPoolId: string): string {
  return `cognito-idp.${region}.amazonaws.com/${userPoolId}`;
}

/** A provider as one comparable string: `<provider name> client <id> (server-side token check)`. */
const providerKey = (provider: CognitoIdentityProvider) =>
  `${provider.ProviderName} client ${provider.ClientId ?? '(any)'}${provider.ServerSideTokenCheck ? ' (server-side token check)' : ''}`;

/** How a role mapping names a user pool provider: `<provider name>:<client ID>`. */
export const roleMappingKey = (provider: CognitoIdentityProvider): string => `${provider.ProviderName}:${provider.ClientId}`;

function providerFromKey(key: string): CognitoIdentityProvider {
  const match = /^(\S+) client (\S+)( \(server-side token check\))?$/.exec(key);
  if (!match) throw new Error(`bad provider key ${key}`);
  return { ProviderName: match[1], ClientId: match[2] === '(any)' ? undefined : match[2], ServerSideTokenCheck: Boolean(match[3]) };
}

export const IDENTITY_POOL_SETTINGS: SettingSpecs<LiveIdentityPool, UpdateIdentityPoolCommandInput> = {
  guestAccess: {
    label: 'unauthenticated (guest) identities',
    read: (pool) => (pool.AllowUnauthenticatedIdentities ? 'on' : 'off'),
    write: (update, value) => {
      update.AllowUnauthenticatedIdentities = value === 'on';
    },
    check: 'cognito_identity_pool_guest_access_disabled',
  },
  classicFlow: {
    label: 'basic (classic) flow',
    read: (pool) => (pool.AllowClassicFlow ? 'on' : 'off'),
    write: (update, value) => {
      update.AllowClassicFlow = value === 'on';
    },
    check: 'identity_pool_classic_flow_disabled',
  },
  providers: {
    label: 'identity providers',
    read: (pool) => (pool.CognitoIdentityProviders ?? []).map(providerKey),
    write: (update, value) => {
      update.CognitoIdentityProviders = (value as string[]).map(providerFromKey);
    },
    check: 'identity_pool_provider_is_this_setup',
  },
};

export interface IdentityPoolWant {
  name?: string;
  tags?: Record<string, string>;
  region: string;
  userPoolId: string;
  clientId: string;
}

export function ourProvider(want: Pick<IdentityPoolWant, 'region' | 'userPoolId' | 'clientId'>): CognitoIdentityProvider {
  return { ProviderName: userPoolProviderName(want.region, want.userPoolId), ClientId: want.clientId, ServerSideTokenCheck: true };
}

/**
 * What setup wants: guests and the basic flow off, and this setup's provider. A pool it made has
 * exactly that provider (a stale one of its own, from a pool since replaced, goes); an adopted pool
 * keeps every other provider.
 */
export function identityPoolSettings(want: IdentityPoolWant, origin: Origin): WantedSettings {
  const ours = providerKey(ourProvider(want));
  const ourProviderName = userPoolProviderName(want.region, want.userPoolId);
  return {
    guestAccess: 'off',
    classicFlow: 'off',
    providers:
      origin === 'created'
        ? [ours]
        : (live) => [...((live as string[] | undefined) ?? []).filter((key) => !key.startsWith(`${ourProviderName} client ${want.clientId}`)), ours],
  };
}

/** UpdateIdentityPool replaces the whole definition: the request carries every field, changed or not. */
function updateIdentityPoolInput(live: LiveIdentityPool): UpdateIdentityPoolCommandInput {
  return {
    IdentityPoolId: live.IdentityPoolId!,
    IdentityPoolName: live.IdentityPoolName!,
    AllowUnauthenticatedIdentities: live.AllowUnauthenticatedIdentities ?? false,
    AllowClassicFlow: live.AllowClassicFlow,
    SupportedLoginProviders: live.SupportedLoginProviders,
    DeveloperProviderName: live.DeveloperProviderName,
    OpenIdConnectProviderARNs: live.OpenIdConnectProviderARNs,
    CognitoIdentityProviders: live.CognitoIdentityProviders,
    SamlProviderARNs: live.SamlProviderARNs,
    IdentityPoolTags: live.IdentityPoolTags,
  };
}

export interface IdentityPoolIds {
  userPool?: string;
  appClient?: string;
}

export const identityPool: Resource<LiveIdentityPool, IdentityPoolWant, IdentityPoolIds> = {
  kind: 'identityPool',
  label: 'identity pool',

  async read(env, id) {
    const found = await ignoreNotFound(env.aws.identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: id })));
    if (!found) return undefined;
    const { $metadata: _metadata, ...pool } = found;
    return pool;
  },

  plan(live, want, origin): Plan<LiveIdentityPool> {
    if (!live) return { kind: 'identityPool', action: 'create', origin, changes: [], blocked: [], warnings: [] };
    const diff = diffSettings(IDENTITY_POOL_SETTINGS, live, identityPoolSettings(want, origin));
    return { kind: 'identityPool', id: live.IdentityPoolId, action: unchangedOrUpdate(diff.changes), origin, ...diff, live };
  },

  async apply(env, plan, want) {
    if (plan.action === 'create') {
      const created = await env.aws.identity.send(
        new CreateIdentityPoolCommand({
          IdentityPoolName: want.name!,
          AllowUnauthenticatedIdentities: false,
          AllowClassicFlow: false,
          CognitoIdentityProviders: [ourProvider(want)],
          IdentityPoolTags: { ...want.tags, [TAG_CREATED]: new Date(env.now()).toISOString() },
        }),
      );
      if (!created.IdentityPoolId) throw new AwsError('CreateIdentityPool returned no ID');
      return created.IdentityPoolId;
    }
    const live = plan.live!;
    if (plan.action === 'update') {
      await env.aws.identity.send(new UpdateIdentityPoolCommand(writeChanges(IDENTITY_POOL_SETTINGS, updateIdentityPoolInput(live), plan.changes, live)));
    }
    return live.IdentityPoolId!;
  },

  async remove(env, live) {
    await ignoreNotFound(env.aws.identity.send(new DeleteIdentityPoolCommand({ IdentityPoolId: live.IdentityPoolId! })));
  },
};

/**
 * The providers of a pool that stays that name an app client (this setup's, which teardown deletes
 * alone or with its user pool), as role mapping keys: the one setup added. A provider someone else
 * added, for another client of the same pool, is not touched.
 */
export function providersOfClient(live: LiveIdentityPool, clientId: string): string[] {
  return (live.CognitoIdentityProviders ?? []).filter((provider) => provider.ClientId === clientId).map(roleMappingKey);
}

/**
 * Takes the providers named (role mapping keys) out of a pool that stays, everything else of it
 * resent as it is: UpdateIdentityPool replaces the whole definition.
 */
export async function releaseProviders(env: ResourceEnv, live: LiveIdentityPool, keys: readonly string[]): Promise<void> {
  const update = updateIdentityPoolInput(live);
  update.CognitoIdentityProviders = (live.CognitoIdentityProviders ?? []).filter((provider) => !keys.includes(roleMappingKey(provider)));
  await env.aws.identity.send(new UpdateIdentityPoolCommand(update));
}

export async function identityPoolIdsNamed(env: ResourceEnv, name: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of paginateListIdentityPools({ client: env.aws.identity, pageSize: 60 }, { MaxResults: 60 })) {
    for (const pool of page.IdentityPools ?? []) if (pool.IdentityPoolName === name && pool.IdentityPoolId) ids.push(pool.IdentityPoolId);
  }
  return ids;
}
