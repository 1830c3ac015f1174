// The identity pool: authenticated identities only, federated from our user pool and client, with
// server-side token checks so a revoked user loses AWS credentials too.
import {
  CreateIdentityPoolCommand,
  DeleteIdentityPoolCommand,
  DescribeIdentityPoolCommand,
  ListIdentityPoolsCommand,
  UpdateIdentityPoolCommand,
  type CognitoIdentityClient,
  type CognitoIdentityProvider,
  type DescribeIdentityPoolCommandOutput,
} from '@aws-sdk/client-cognito-identity';
import { isAwsCode } from '../aws/errors.js';
import { AwsError } from '../errors.js';
import { planFrom, type Plan } from './plan.js';
import { findOneByName } from './findByName.js';

export type LiveIdentityPool = DescribeIdentityPoolCommandOutput;

export interface DesiredIdentityPool {
  name: string;
  region: string;
  userPoolId: string;
  clientId: string;
  tags: Record<string, string>;
}

export type IdentityPoolPlan = Plan<LiveIdentityPool, DesiredIdentityPool>;

/** The provider name Cognito Identity expects for a user pool. */
export function userPoolProviderName(region: string, userPoolId: string): string {
  return `cognito-idp.${region}.amazonaws.com/${userPoolId}`;
}

export async function readIdentityPool(
  identity: CognitoIdentityClient,
  ref: { id?: string; name?: string },
): Promise<LiveIdentityPool | undefined> {
  if (ref.id) {
    try {
      return await identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: ref.id }));
    } catch (error) {
      if (!isAwsCode(error, 'ResourceNotFoundException')) throw error;
      if (!ref.name) return undefined;
    }
  }
  if (!ref.name) return undefined;
  const id = await findOneByName(
    async (NextToken) => {
      const page = await identity.send(new ListIdentityPoolsCommand({ MaxResults: 60, NextToken }));
      return { items: (page.IdentityPools ?? []).map((pool) => ({ name: pool.IdentityPoolName, id: pool.IdentityPoolId })), next: page.NextToken };
    },
    ref.name,
    { what: 'identity pools', hint: 'remove the extra ones or pass another --name' },
  );
  if (!id) return undefined;
  return identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: id }));
}

function ourProvider(desired: Pick<DesiredIdentityPool, 'region' | 'userPoolId' | 'clientId'>): CognitoIdentityProvider {
  return {
    ProviderName: userPoolProviderName(desired.region, desired.userPoolId),
    ClientId: desired.clientId,
    ServerSideTokenCheck: true,
  };
}

export function identityPoolDrift(
  live: LiveIdentityPool,
  desired: Pick<DesiredIdentityPool, 'region' | 'userPoolId' | 'clientId'>,
): string[] {
  const drift: string[] = [];
  if (live.AllowUnauthenticatedIdentities) drift.push('unauthenticated identities are on');
  if (live.AllowClassicFlow) drift.push('the basic (classic) flow is on');
  const wanted = ourProvider(desired);
  const provider = (live.CognitoIdentityProviders ?? []).find(
    (p) => p.ProviderName === wanted.ProviderName && p.ClientId === wanted.ClientId,
  );
  if (!provider) drift.push(`the user pool ${desired.userPoolId} and client are not its provider`);
  else if (!provider.ServerSideTokenCheck) drift.push('server-side token check is off');
  return drift;
}

export function planIdentityPool(live: LiveIdentityPool | undefined, desired: DesiredIdentityPool): IdentityPoolPlan {
  return planFrom('identityPool', live, desired, live?.IdentityPoolId, (pool) => identityPoolDrift(pool, desired));
}

export async function applyIdentityPool(identity: CognitoIdentityClient, plan: IdentityPoolPlan): Promise<string> {
  const { desired } = plan;
  if (plan.action === 'create') {
    const created = await identity.send(
      new CreateIdentityPoolCommand({
        IdentityPoolName: desired.name,
        AllowUnauthenticatedIdentities: false,
        AllowClassicFlow: false,
        CognitoIdentityProviders: [ourProvider(desired)],
        IdentityPoolTags: desired.tags,
      }),
    );
    if (!created.IdentityPoolId) throw new AwsError('CreateIdentityPool returned no ID');
    return created.IdentityPoolId;
  }
  const live = plan.live!;
  if (plan.action === 'update') {
    const wanted = ourProvider(desired);
    // Keep other providers: they may be someone's; replace only our own entry.
    const others = (live.CognitoIdentityProviders ?? []).filter(
      (p) => !(p.ProviderName === wanted.ProviderName && p.ClientId === wanted.ClientId),
    );
    // UpdateIdentityPool replaces the whole definition: send every field, changed or not.
    await identity.send(
      new UpdateIdentityPoolCommand({
        IdentityPoolId: live.IdentityPoolId!,
        IdentityPoolName: live.IdentityPoolName!,
        AllowUnauthenticatedIdentities: false,
        AllowClassicFlow: false,
        SupportedLoginProviders: live.SupportedLoginProviders,
        DeveloperProviderName: live.DeveloperProviderName,
        OpenIdConnectProviderARNs: live.OpenIdConnectProviderARNs,
        CognitoIdentityProviders: [...others, wanted],
        SamlProviderARNs: live.SamlProviderARNs,
        IdentityPoolTags: live.IdentityPoolTags,
      }),
    );
  }
  return live.IdentityPoolId!;
}

export async function deleteIdentityPool(identity: CognitoIdentityClient, identityPoolId: string): Promise<void> {
  try {
    await identity.send(new DeleteIdentityPoolCommand({ IdentityPoolId: identityPoolId }));
  } catch (error) {
    if (!isAwsCode(error, 'ResourceNotFoundException')) throw error;
  }
}

export function describeIdentityPoolForPeople(pool: LiveIdentityPool): Record<string, unknown> {
  return {
    id: pool.IdentityPoolId,
    name: pool.IdentityPoolName,
    unauthenticatedIdentities: pool.AllowUnauthenticatedIdentities ? 'on' : 'off',
    classicFlow: pool.AllowClassicFlow ? 'on' : 'off',
    providers: (pool.CognitoIdentityProviders ?? []).map((p) => ({
      provider: p.ProviderName,
      clientId: p.ClientId,
      serverSideTokenCheck: p.ServerSideTokenCheck ?? false,
    })),
  };
}
