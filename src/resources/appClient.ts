// The SPA app client: public (no secret: a browser cannot keep one), user-existence errors hidden,
// token revocation on (logout revokes), exactly the auth flows asked for, and token lifetimes no
// longer than Cognito's defaults (an hour; 30 days for the refresh token).
import {
  CreateUserPoolClientCommand,
  DeleteUserPoolClientCommand,
  DescribeUserPoolClientCommand,
  paginateListUserPoolClients,
  UpdateUserPoolClientCommand,
  type ExplicitAuthFlowsType,
  type TimeUnitsType,
  type UpdateUserPoolClientCommandInput,
  type UserPoolClientType,
} from '@aws-sdk/client-cognito-identity-provider';
import { ignoreNotFound } from '../aws/errors.js';
import { AwsError } from '../errors.js';
import { definedOnly } from './definedOnly.js';
import { unchangedOrUpdate, type Plan, type Resource, type ResourceEnv } from './plan.js';
import { diffSettings, wantedValue, writeChanges, type SettingSpecs, type WantedSettings } from './settings.js';

/**
 * A token's lifetime in seconds, from its value and unit (the API's default units: hours for access
 * and ID tokens, days for refresh tokens). Seconds, the finest unit TokenValidityUnits allows, so
 * that the bound is compared exactly: 3,629 seconds is over the hour, not "60 minutes".
 */
const SECONDS: Record<TimeUnitsType, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };
type TokenKind = 'AccessToken' | 'IdToken' | 'RefreshToken';
const DEFAULT_UNIT: Record<TokenKind, TimeUnitsType> = { AccessToken: 'hours', IdToken: 'hours', RefreshToken: 'days' };
/** Cognito's defaults, which setup leaves: an hour for access and ID tokens, 30 days for the refresh token. */
export const TOKEN_LIFETIME_BOUNDS_SECONDS: Record<TokenKind, number> = { AccessToken: 3600, IdToken: 3600, RefreshToken: 30 * 86400 };

const lifetime = (kind: TokenKind, label: string) => ({
  label: `${label} lifetime (seconds)`,
  read: (client: UserPoolClientType) => {
    const value = client[`${kind}Validity`];
    if (value === undefined || value === 0) return TOKEN_LIFETIME_BOUNDS_SECONDS[kind]; // unset or 0: the default
    return value * SECONDS[client.TokenValidityUnits?.[kind] ?? DEFAULT_UNIT[kind]];
  },
  write: (update: UpdateUserPoolClientCommandInput, value: unknown) => {
    // In whole minutes where it is one (every bound is), as people set it in the console.
    const seconds = value as number;
    const unit: TimeUnitsType = seconds % 60 === 0 ? 'minutes' : 'seconds';
    update[`${kind}Validity`] = seconds / SECONDS[unit];
    update.TokenValidityUnits = { ...update.TokenValidityUnits, [kind]: unit };
  },
  // Shorter than the bound is the operator's choice: only a longer lifetime is drift.
  satisfies: (live: unknown, wanted: unknown) => typeof live === 'number' && typeof wanted === 'number' && live <= wanted,
  check: 'app_client_token_lifetimes_bounded',
});

export const APP_CLIENT_SETTINGS: SettingSpecs<UserPoolClientType, UpdateUserPoolClientCommandInput> = {
  secret: {
    label: 'client secret',
    read: (client) => (client.ClientSecret ? 'yes' : 'none'),
    fixed: {
      severity: 'block',
      reason: () => 'the app client has a secret, which a browser cannot keep (fixed when the client was made)',
      hint: 'leave --client-id out and setup makes a public client in this pool, or name another client',
    },
  },
  authFlows: {
    label: 'auth flows',
    read: (client) => client.ExplicitAuthFlows ?? [],
    write: (update, value) => {
      update.ExplicitAuthFlows = value as ExplicitAuthFlowsType[];
    },
    check: 'app_client_allows_only_asked_flows',
  },
  preventUserExistenceErrors: {
    label: 'user-existence errors hidden',
    read: (client) => client.PreventUserExistenceErrors ?? 'LEGACY',
    write: (update, value) => {
      update.PreventUserExistenceErrors = value as 'ENABLED' | 'LEGACY';
    },
    check: 'cognito_user_pool_client_prevent_user_existence_errors',
  },
  tokenRevocation: {
    label: 'token revocation',
    read: (client) => client.EnableTokenRevocation === true,
    write: (update, value) => {
      update.EnableTokenRevocation = value === true;
    },
    check: 'cognito_user_pool_client_token_revocation_enabled',
  },
  accessTokenLifetime: lifetime('AccessToken', 'access token'),
  idTokenLifetime: lifetime('IdToken', 'ID token'),
  refreshTokenLifetime: lifetime('RefreshToken', 'refresh token'),
};

export function safeAppClientSettings(authFlows: string[]): WantedSettings {
  return {
    secret: 'none',
    authFlows,
    preventUserExistenceErrors: 'ENABLED',
    tokenRevocation: true,
    accessTokenLifetime: TOKEN_LIFETIME_BOUNDS_SECONDS.AccessToken,
    idTokenLifetime: TOKEN_LIFETIME_BOUNDS_SECONDS.IdToken,
    refreshTokenLifetime: TOKEN_LIFETIME_BOUNDS_SECONDS.RefreshToken,
  };
}

export interface AppClientWant {
  name?: string;
  settings: WantedSettings;
}

/**
 * UpdateUserPoolClient resets every setting left out of the request (token validity, callback
 * URLs, OAuth flows...), so the request is the live client with only the plan's changes on top.
 */
export function updateAppClientInput(live: UserPoolClientType): UpdateUserPoolClientCommandInput {
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
  };
  return definedOnly(input);
}

export interface AppClientIds {
  userPool?: string;
}

export const appClient: Resource<UserPoolClientType, AppClientWant, AppClientIds> = {
  kind: 'appClient',
  label: 'app client',

  async read(env, id, ids) {
    if (!ids.userPool) return undefined;
    return (await ignoreNotFound(env.aws.idp.send(new DescribeUserPoolClientCommand({ UserPoolId: ids.userPool, ClientId: id }))))?.UserPoolClient;
  },

  plan(live, want, origin): Plan<UserPoolClientType> {
    if (!live) return { kind: 'appClient', action: 'create', origin, changes: [], blocked: [], warnings: [] };
    const diff = diffSettings(APP_CLIENT_SETTINGS, live, want.settings);
    return { kind: 'appClient', id: live.ClientId, action: unchangedOrUpdate(diff.changes), origin, ...diff, live };
  },

  async apply(env, plan, want, ids) {
    if (plan.action === 'create') {
      const { UserPoolClient } = await env.aws.idp.send(
        new CreateUserPoolClientCommand({
          UserPoolId: ids.userPool!,
          ClientName: want.name!,
          GenerateSecret: false,
          ExplicitAuthFlows: wantedValue(want.settings.authFlows) as ExplicitAuthFlowsType[],
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
      await env.aws.idp.send(new UpdateUserPoolClientCommand(writeChanges(APP_CLIENT_SETTINGS, updateAppClientInput(live), plan.changes, live)));
    }
    return live.ClientId!;
  },

  async remove(env, live) {
    await ignoreNotFound(env.aws.idp.send(new DeleteUserPoolClientCommand({ UserPoolId: live.UserPoolId!, ClientId: live.ClientId! })));
  },
};

/** The pool's clients of this name, with their creation dates (ListUserPoolClients answers neither tags nor dates). */
export async function appClientIdsNamed(env: ResourceEnv, userPoolId: string, name: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of paginateListUserPoolClients({ client: env.aws.idp, pageSize: 60 }, { UserPoolId: userPoolId, MaxResults: 60 })) {
    for (const client of page.UserPoolClients ?? []) if (client.ClientName === name && client.ClientId) ids.push(client.ClientId);
  }
  return ids;
}
