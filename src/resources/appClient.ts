// The SPA app client: public (no secret: a browser cannot keep one), user-existence errors hidden,
// token revocation on (logout revokes), and exactly the auth flows asked for.
import {
  CreateUserPoolClientCommand,
  DeleteUserPoolClientCommand,
  DescribeUserPoolClientCommand,
  ListUserPoolClientsCommand,
  UpdateUserPoolClientCommand,
  type CognitoIdentityProviderClient,
  type ExplicitAuthFlowsType,
  type UpdateUserPoolClientCommandInput,
  type UserPoolClientType,
} from '@aws-sdk/client-cognito-identity-provider';
import { isAwsCode } from '../aws/errors.js';
import { AwsError, UnrepairableDriftError } from '../errors.js';
import { planFrom, sameSet, type Plan } from './plan.js';
import { findOneByName } from './findByName.js';

export interface DesiredAppClient {
  userPoolId: string;
  name: string;
  authFlows: string[];
}

export type AppClientPlan = Plan<UserPoolClientType, DesiredAppClient>;

export async function readAppClient(
  idp: CognitoIdentityProviderClient,
  ref: { userPoolId: string; id?: string; name?: string },
): Promise<UserPoolClientType | undefined> {
  if (ref.id) {
    try {
      const { UserPoolClient } = await idp.send(
        new DescribeUserPoolClientCommand({ UserPoolId: ref.userPoolId, ClientId: ref.id }),
      );
      return UserPoolClient;
    } catch (error) {
      if (!isAwsCode(error, 'ResourceNotFoundException')) throw error;
      if (!ref.name) return undefined;
    }
  }
  if (!ref.name) return undefined;
  const id = await findOneByName(
    async (NextToken) => {
      const page = await idp.send(new ListUserPoolClientsCommand({ UserPoolId: ref.userPoolId, MaxResults: 60, NextToken }));
      return { items: (page.UserPoolClients ?? []).map((client) => ({ name: client.ClientName, id: client.ClientId })), next: page.NextToken };
    },
    ref.name,
    { what: `app clients in ${ref.userPoolId}`, hint: 'pass --client-id to choose one' },
  );
  if (!id) return undefined;
  const { UserPoolClient } = await idp.send(new DescribeUserPoolClientCommand({ UserPoolId: ref.userPoolId, ClientId: id }));
  return UserPoolClient;
}

export function appClientDrift(live: UserPoolClientType, desired: Pick<DesiredAppClient, 'authFlows'>): string[] {
  const drift: string[] = [];
  if (live.ClientSecret) drift.push('the client has a secret');
  const flows = live.ExplicitAuthFlows ?? [];
  const extra = flows.filter((flow) => !desired.authFlows.includes(flow));
  const missing = desired.authFlows.filter((flow) => !(flows as string[]).includes(flow));
  if (extra.length) drift.push(`extra auth flows: ${extra.join(', ')}`);
  if (missing.length) drift.push(`missing auth flows: ${missing.join(', ')}`);
  if (live.PreventUserExistenceErrors !== 'ENABLED') drift.push('user-existence errors are not hidden');
  return drift;
}

export function planAppClient(live: UserPoolClientType | undefined, desired: DesiredAppClient): AppClientPlan {
  return planFrom('appClient', live, desired, live?.ClientId, (client) => appClientDrift(client, desired));
}

export async function applyAppClient(idp: CognitoIdentityProviderClient, plan: AppClientPlan): Promise<string> {
  const { desired } = plan;
  if (plan.action === 'create') {
    const { UserPoolClient } = await idp.send(
      new CreateUserPoolClientCommand({
        UserPoolId: desired.userPoolId,
        ClientName: desired.name,
        GenerateSecret: false,
        ExplicitAuthFlows: desired.authFlows as ExplicitAuthFlowsType[],
        PreventUserExistenceErrors: 'ENABLED',
        EnableTokenRevocation: true,
        SupportedIdentityProviders: ['COGNITO'],
      }),
    );
    if (!UserPoolClient?.ClientId) throw new AwsError('CreateUserPoolClient returned no client ID');
    return UserPoolClient.ClientId;
  }
  const live = plan.live!;
  if (plan.action === 'update') {
    if (live.ClientSecret) {
      throw new UnrepairableDriftError(`app client ${live.ClientId} has a secret, which a browser cannot keep`, {
        hint: 'delete that client (or pass another --name) so setup can create a public one',
      });
    }
    await idp.send(
      new UpdateUserPoolClientCommand(
        updateAppClientInput(live, {
          ExplicitAuthFlows: desired.authFlows as ExplicitAuthFlowsType[],
          PreventUserExistenceErrors: 'ENABLED',
        }),
      ),
    );
  }
  return live.ClientId!;
}

/** Sets only the auth flows (the `auth-flows set` command), keeping everything else. */
export async function setAuthFlows(
  idp: CognitoIdentityProviderClient,
  live: UserPoolClientType,
  flows: string[],
): Promise<boolean> {
  if (sameSet(live.ExplicitAuthFlows, flows)) return false;
  await idp.send(new UpdateUserPoolClientCommand(updateAppClientInput(live, { ExplicitAuthFlows: flows as ExplicitAuthFlowsType[] })));
  return true;
}

/**
 * UpdateUserPoolClient resets every setting left out of the request (token validity, callback
 * URLs, OAuth flows...), so the request is the live client with only our changes on top.
 */
export function updateAppClientInput(
  live: UserPoolClientType,
  changes: Partial<UpdateUserPoolClientCommandInput>,
): UpdateUserPoolClientCommandInput {
  const input: UpdateUserPoolClientCommandInput = {
    UserPoolId: live.UserPoolId!,
    ClientId: live.ClientId!,
    ClientName: live.ClientName,
    RefreshTokenValidity: live.RefreshTokenValidity,
    AccessTokenValidity: live.AccessTokenValidity,
    IdTokenValidity: live.IdTokenValidity,
    TokenValidityUnits: live.TokenValidityUnits,
    ReadAttributes: live.ReadAttributes,
    WriteAttributes: live.WriteAttributes,
    ExplicitAuthFlows: live.ExplicitAuthFlows,
    SupportedIdentityProviders: live.SupportedIdentityProviders,
    CallbackURLs: live.CallbackURLs,
    LogoutURLs: live.LogoutURLs,
    DefaultRedirectURI: live.DefaultRedirectURI,
    AllowedOAuthFlows: live.AllowedOAuthFlows,
    AllowedOAuthScopes: live.AllowedOAuthScopes,
    AllowedOAuthFlowsUserPoolClient: live.AllowedOAuthFlowsUserPoolClient,
    AnalyticsConfiguration: live.AnalyticsConfiguration,
    PreventUserExistenceErrors: live.PreventUserExistenceErrors,
    EnableTokenRevocation: live.EnableTokenRevocation,
    EnablePropagateAdditionalUserContextData: live.EnablePropagateAdditionalUserContextData,
    AuthSessionValidity: live.AuthSessionValidity,
    RefreshTokenRotation: live.RefreshTokenRotation,
    ...changes,
  };
  for (const key of Object.keys(input) as (keyof UpdateUserPoolClientCommandInput)[]) {
    if (input[key] === undefined) delete input[key];
  }
  return input;
}

export async function deleteAppClient(idp: CognitoIdentityProviderClient, ref: { userPoolId: string; clientId: string }): Promise<void> {
  try {
    await idp.send(new DeleteUserPoolClientCommand({ UserPoolId: ref.userPoolId, ClientId: ref.clientId }));
  } catch (error) {
    if (!isAwsCode(error, 'ResourceNotFoundException')) throw error;
  }
}

export function describeAppClientForPeople(client: UserPoolClientType): Record<string, unknown> {
  return {
    id: client.ClientId,
    name: client.ClientName,
    userPoolId: client.UserPoolId,
    secret: client.ClientSecret ? 'yes' : 'no',
    authFlows: client.ExplicitAuthFlows ?? [],
    preventUserExistenceErrors: client.PreventUserExistenceErrors ?? 'LEGACY',
    tokenRevocation: client.EnableTokenRevocation ?? false,
  };
}
