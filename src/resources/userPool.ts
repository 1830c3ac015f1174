// The user pool: e-mail as the sign-in name, e-mail auto-verified, self-registration off from the
// first second (AllowAdminCreateUserOnly at creation, never a later fix), deletion protection on,
// a strong password policy. A pool made by hand (the walkthrough's) may sign in by username: that
// is fixed at creation, so it is a warning, and the tool works with it (usernames are e-mails).
import {
  CreateUserPoolCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolCommand,
  paginateListUserPools,
  UpdateUserPoolCommand,
  type CreateUserPoolCommandInput,
  type UpdateUserPoolCommandInput,
  type UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider';
import { ignoreNotFound } from '../aws/errors.js';
import { AwsError } from '../errors.js';
import { TAG_CREATED } from '../config/names.js';
import { unchangedOrUpdate, type Plan, type Resource, type ResourceEnv } from './plan.js';
import { diffSettings, wantedValue, writeChanges, type SettingSpecs, type WantedSettings } from './settings.js';

type PolicyUpdate = NonNullable<NonNullable<UpdateUserPoolCommandInput['Policies']>['PasswordPolicy']>;

function passwordPolicy(update: UpdateUserPoolCommandInput): PolicyUpdate {
  update.Policies = { ...update.Policies, PasswordPolicy: { ...update.Policies?.PasswordPolicy } };
  return update.Policies.PasswordPolicy!;
}

const atLeast = (live: unknown, wanted: unknown) => typeof live === 'number' && typeof wanted === 'number' && live >= wanted;
const atMost = (live: unknown, wanted: unknown) => typeof live === 'number' && typeof wanted === 'number' && live <= wanted;
const required = (live: unknown, wanted: unknown) => !wanted || live === true;

const requirement = (key: 'RequireLowercase' | 'RequireUppercase' | 'RequireNumbers' | 'RequireSymbols', label: string, check: string) => ({
  label,
  read: (pool: UserPoolType) => pool.Policies?.PasswordPolicy?.[key] === true,
  write: (update: UpdateUserPoolCommandInput, value: unknown) => {
    passwordPolicy(update)[key] = value === true;
  },
  satisfies: required,
  check,
});

export const USER_POOL_SETTINGS: SettingSpecs<UserPoolType, UpdateUserPoolCommandInput> = {
  signInWithEmail: {
    label: 'sign-in with e-mail',
    read: (pool) => (pool.UsernameAttributes ?? []).includes('email'),
    fixed: {
      severity: 'warn',
      reason: () => 'users sign in with a username, not their e-mail (fixed when the pool was made): each admin\'s username is their e-mail address',
    },
  },
  selfRegistration: {
    label: 'self-registration',
    read: (pool) => (pool.AdminCreateUserConfig?.AllowAdminCreateUserOnly === true ? 'off' : 'on'),
    write: (update, value) => {
      update.AdminCreateUserConfig = { ...update.AdminCreateUserConfig, AllowAdminCreateUserOnly: value === 'off' };
    },
    check: 'cognito_user_pool_self_registration_disabled',
  },
  emailAutoVerified: {
    label: 'e-mail auto-verified',
    read: (pool) => (pool.AutoVerifiedAttributes ?? []).includes('email'),
    write: (update, value, live) => {
      const others = (live.AutoVerifiedAttributes ?? []).filter((attribute) => attribute !== 'email');
      update.AutoVerifiedAttributes = value === true ? [...others, 'email'] : others;
    },
  },
  deletionProtection: {
    label: 'deletion protection',
    read: (pool) => pool.DeletionProtection ?? 'INACTIVE',
    write: (update, value) => {
      update.DeletionProtection = value as 'ACTIVE' | 'INACTIVE';
    },
    check: 'cognito_user_pool_deletion_protection_enabled',
  },
  passwordMinimumLength: {
    label: 'password minimum length',
    read: (pool) => pool.Policies?.PasswordPolicy?.MinimumLength,
    write: (update, value) => {
      passwordPolicy(update).MinimumLength = value as number;
    },
    satisfies: atLeast,
    check: 'cognito_user_pool_password_policy_minimum_length_14',
  },
  passwordRequiresLowercase: requirement('RequireLowercase', 'password needs a lower-case letter', 'cognito_user_pool_password_policy_lowercase'),
  passwordRequiresUppercase: requirement('RequireUppercase', 'password needs an upper-case letter', 'cognito_user_pool_password_policy_uppercase'),
  passwordRequiresNumbers: requirement('RequireNumbers', 'password needs a digit', 'cognito_user_pool_password_policy_number'),
  passwordRequiresSymbols: requirement('RequireSymbols', 'password needs a symbol', 'cognito_user_pool_password_policy_symbol'),
  temporaryPasswordValidityDays: {
    label: 'temporary password valid for (days)',
    read: (pool) => pool.Policies?.PasswordPolicy?.TemporaryPasswordValidityDays,
    write: (update, value) => {
      passwordPolicy(update).TemporaryPasswordValidityDays = value as number;
    },
    satisfies: atMost,
    check: 'cognito_user_pool_temporary_password_expiration',
  },
};

/** What setup wants of a pool it makes or repairs. */
export const SAFE_USER_POOL_SETTINGS: WantedSettings = {
  signInWithEmail: true,
  selfRegistration: 'off',
  emailAutoVerified: true,
  deletionProtection: 'ACTIVE',
  passwordMinimumLength: 14,
  passwordRequiresLowercase: true,
  passwordRequiresUppercase: true,
  passwordRequiresNumbers: true,
  passwordRequiresSymbols: true,
  temporaryPasswordValidityDays: 7,
};

export interface UserPoolWant {
  /** Needed only to create one. */
  name?: string;
  tags?: Record<string, string>;
  settings: WantedSettings;
}

/**
 * UpdateUserPool resets every setting left out of the request to its default (the API reference
 * says so), so the request is built from the live pool, with only the plan's changes on top.
 */
export function updateUserPoolInput(live: UserPoolType): UpdateUserPoolCommandInput {
  const adminCreateUserConfig = { ...(live.AdminCreateUserConfig ?? {}) };
  // Deprecated: AWS refuses it beside PasswordPolicy.TemporaryPasswordValidityDays, which
  // DescribeUserPool always returns.
  delete adminCreateUserConfig.UnusedAccountValidityDays;
  const input: UpdateUserPoolCommandInput = {
    UserPoolId: live.Id!,
    Policies: live.Policies,
    DeletionProtection: live.DeletionProtection,
    LambdaConfig: live.LambdaConfig,
    AutoVerifiedAttributes: live.AutoVerifiedAttributes,
    SmsVerificationMessage: live.SmsVerificationMessage,
    EmailVerificationMessage: live.EmailVerificationMessage,
    EmailVerificationSubject: live.EmailVerificationSubject,
    VerificationMessageTemplate: live.VerificationMessageTemplate,
    SmsAuthenticationMessage: live.SmsAuthenticationMessage,
    UserAttributeUpdateSettings: live.UserAttributeUpdateSettings,
    MfaConfiguration: live.MfaConfiguration,
    DeviceConfiguration: live.DeviceConfiguration,
    EmailConfiguration: live.EmailConfiguration,
    SmsConfiguration: live.SmsConfiguration,
    UserPoolTags: live.UserPoolTags,
    AdminCreateUserConfig: adminCreateUserConfig,
    UserPoolAddOns: live.UserPoolAddOns,
    AccountRecoverySetting: live.AccountRecoverySetting,
    PoolName: live.Name,
    UserPoolTier: live.UserPoolTier,
  };
  for (const key of Object.keys(input) as (keyof UpdateUserPoolCommandInput)[]) {
    if (input[key] === undefined) delete input[key];
  }
  return input;
}

function createInput(want: UserPoolWant, createdAt: string): CreateUserPoolCommandInput {
  const input: CreateUserPoolCommandInput = {
    PoolName: want.name!,
    UsernameAttributes: ['email'],
    UsernameConfiguration: { CaseSensitive: false },
    AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
    MfaConfiguration: 'OFF',
    UserPoolTags: { ...want.tags, [TAG_CREATED]: createdAt },
  };
  const changes = Object.entries(want.settings)
    .filter(([setting]) => USER_POOL_SETTINGS[setting].write)
    .map(([setting, wanted]) => ({ setting, label: setting, from: undefined, to: wantedValue(wanted) }));
  // The create request shares these members with the update request.
  return writeChanges(USER_POOL_SETTINGS, input as UpdateUserPoolCommandInput, changes, {}) as CreateUserPoolCommandInput;
}

export const userPool: Resource<UserPoolType, UserPoolWant> = {
  kind: 'userPool',
  label: 'user pool',

  async read(env, id) {
    return (await ignoreNotFound(env.aws.idp.send(new DescribeUserPoolCommand({ UserPoolId: id }))))?.UserPool;
  },

  plan(live, want, origin): Plan<UserPoolType> {
    if (!live) return { kind: 'userPool', action: 'create', origin, changes: [], blocked: [], warnings: [] };
    const diff = diffSettings(USER_POOL_SETTINGS, live, want.settings);
    return { kind: 'userPool', id: live.Id, action: unchangedOrUpdate(diff.changes), origin, ...diff, live };
  },

  async apply(env, plan, want) {
    if (plan.action === 'create') {
      const { UserPool } = await env.aws.idp.send(new CreateUserPoolCommand(createInput(want, new Date(env.now()).toISOString())));
      if (!UserPool?.Id) throw new AwsError('CreateUserPool returned no pool ID');
      return UserPool.Id;
    }
    const live = plan.live!;
    if (plan.action === 'update') {
      await env.aws.idp.send(new UpdateUserPoolCommand(writeChanges(USER_POOL_SETTINGS, updateUserPoolInput(live), plan.changes, live)));
    }
    return live.Id!;
  },

  /**
   * Deletes the pool, and with it its clients, groups and users. Deletion protection (on since
   * creation) is lifted first through the same full-input update as repairs, so nothing else is
   * reset; the caller has asked for confirmation before this point.
   */
  async remove(env, live) {
    if (live.DeletionProtection === 'ACTIVE') {
      await env.aws.idp.send(new UpdateUserPoolCommand({ ...updateUserPoolInput(live), DeletionProtection: 'INACTIVE' }));
    }
    await ignoreNotFound(env.aws.idp.send(new DeleteUserPoolCommand({ UserPoolId: live.Id! })));
  },
};

/** Every pool of this name, by ID (ListUserPools answers names and IDs, not tags). */
export async function userPoolIdsNamed(env: ResourceEnv, name: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of paginateListUserPools({ client: env.aws.idp, pageSize: 60 }, { MaxResults: 60 })) {
    for (const pool of page.UserPools ?? []) if (pool.Name === name && pool.Id) ids.push(pool.Id);
  }
  return ids;
}
