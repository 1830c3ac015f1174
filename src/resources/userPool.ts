// The user pool: e-mail as the sign-in name, e-mail auto-verified, self-registration off from the
// first second (AllowAdminCreateUserOnly at creation, never a later fix), deletion protection on,
// a strong password policy, TOTP MFA (optional unless told), and threat protection when asked for. A pool made by hand (the walkthrough's) may sign in by username: that
// is fixed at creation, so it is a warning, and the tool works with it (usernames are e-mails).
import {
  CreateUserPoolCommand,
  DeleteUserPoolCommand,
  DescribeRiskConfigurationCommand,
  DescribeUserPoolCommand,
  GetUserPoolMfaConfigCommand,
  paginateListUserPools,
  SetRiskConfigurationCommand,
  SetUserPoolMfaConfigCommand,
  UpdateUserPoolCommand,
  type AccountTakeoverActionType,
  type CreateUserPoolCommandInput,
  type GetUserPoolMfaConfigCommandOutput,
  type RiskConfigurationType,
  type SetRiskConfigurationCommandInput,
  type SetUserPoolMfaConfigCommandInput,
  type UpdateUserPoolCommandInput,
  type UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider';
import { ignoreNotFound, isAwsCode } from '../aws/errors.js';
import { AwsError } from '../errors.js';
import { TAG_CREATED } from '../config/names.js';
import { SAFE_PASSWORD_POLICY } from './safePasswordPolicy.js';
import { definedOnly } from './definedOnly.js';
import { unchangedOrUpdate, type Plan, type Resource, type ResourceEnv, type SettingChange } from './plan.js';
import { changesByOperation, diffSettings, wantedValue, writeChanges, type SettingSpecs, type WantedSettings } from './settings.js';

/** The pool as read: DescribeUserPool, with what only two other reads tell (TOTP on or off; the risk configuration). */
export interface LiveUserPool extends UserPoolType {
  /** GetUserPoolMfaConfig: DescribeUserPool names the MFA mode, not which factors are on. */
  mfaConfig?: Omit<GetUserPoolMfaConfigCommandOutput, '$metadata'>;
  /** The pool-level risk configuration (DescribeRiskConfiguration without a client), read only while threat protection is on. */
  risk?: RiskConfigurationType;
}

/**
 * The requests a pool is changed through. UpdateUserPool carries most settings; TOTP can only be
 * turned on by SetUserPoolMfaConfig (an UpdateUserPool naming MFA ON or OPTIONAL without a factor
 * is refused), and what threat protection does with a risky sign-in is SetRiskConfiguration's.
 * They are sent in this order: the update carries the live MFA mode, so it must not follow a change
 * of it; the risk configuration needs threat protection on, which the update may just have done.
 */
export interface UserPoolRequests {
  UpdateUserPool: UpdateUserPoolCommandInput;
  SetUserPoolMfaConfig: SetUserPoolMfaConfigCommandInput;
  SetRiskConfiguration: SetRiskConfigurationCommandInput;
}
const REQUEST_ORDER = ['UpdateUserPool', 'SetUserPoolMfaConfig', 'SetRiskConfiguration'] as const;

type PolicyUpdate = NonNullable<NonNullable<UpdateUserPoolCommandInput['Policies']>['PasswordPolicy']>;

function passwordPolicy(requests: UserPoolRequests): PolicyUpdate {
  const update = requests.UpdateUserPool;
  update.Policies = { ...update.Policies, PasswordPolicy: { ...update.Policies?.PasswordPolicy } };
  return update.Policies.PasswordPolicy!;
}

const atLeast = (live: unknown, wanted: unknown) => typeof live === 'number' && typeof wanted === 'number' && live >= wanted;
const atMost = (live: unknown, wanted: unknown) => typeof live === 'number' && typeof wanted === 'number' && live <= wanted;
const required = (live: unknown, wanted: unknown) => !wanted || live === true;

const requirement = (key: 'RequireLowercase' | 'RequireUppercase' | 'RequireNumbers' | 'RequireSymbols', label: string, check: string) => ({
  label,
  read: (pool: LiveUserPool) => pool.Policies?.PasswordPolicy?.[key] === true,
  write: (update: UserPoolRequests, value: unknown) => {
    passwordPolicy(update)[key] = value === true;
  },
  satisfies: required,
  check,
});

/** `--mfa`: what setup asks for, and how DescribeUserPool and GetUserPoolMfaConfig say it. */
export type MfaMode = 'required' | 'optional' | 'off';
const MFA_CONFIGURATION: Record<MfaMode, 'ON' | 'OPTIONAL' | 'OFF'> = { required: 'ON', optional: 'OPTIONAL', off: 'OFF' };

function readMfa(pool: LiveUserPool): string {
  const mode = pool.mfaConfig?.MfaConfiguration ?? pool.MfaConfiguration ?? 'OFF';
  if (mode === 'OFF') return 'off';
  // TOTP is the only factor setup offers: a mode whose factor is SMS (or none) is not the safe one.
  const totp = pool.mfaConfig?.SoftwareTokenMfaConfiguration?.Enabled === true;
  return `${mode === 'ON' ? 'required' : 'optional'}${totp ? '' : ' (no TOTP)'}`;
}

/** `--threat-protection`: threat protection's mode for standard authentication (UserPoolAddOns.AdvancedSecurityMode). */
export type ThreatProtection = 'audit' | 'enforce';
export const SECURITY_MODE: Record<ThreatProtection, 'AUDIT' | 'ENFORCED'> = { audit: 'AUDIT', enforce: 'ENFORCED' };
const TIER_RANK: Record<string, number> = { LITE: 0, ESSENTIALS: 1, PLUS: 2 };

/** Compromised credentials: BLOCK when every sign-in with a leaked password is blocked (what Prowler checks), else what it does. */
function readCompromised(pool: LiveUserPool): string {
  const config = pool.risk?.CompromisedCredentialsRiskConfiguration;
  if (!config?.Actions?.EventAction) return 'not set';
  const events = config.EventFilter ?? [];
  // Prowler reads the list back: "all events" by omission does not count, SIGN_IN must be named.
  return config.Actions.EventAction === 'BLOCK' && events.includes('SIGN_IN') ? 'BLOCK' : `${config.Actions.EventAction} on ${events.join('+') || 'no named event'}`;
}

const TAKEOVER_LEVELS = ['LowAction', 'MediumAction', 'HighAction'] as const;

/** Account takeover: BLOCK when low, medium and high risk are all blocked (what Prowler checks), else each level's action. */
function readTakeover(pool: LiveUserPool): string {
  const actions = pool.risk?.AccountTakeoverRiskConfiguration?.Actions;
  if (!actions) return 'not set';
  const each = TAKEOVER_LEVELS.map((level) => actions[level]?.EventAction ?? 'NO_ACTION');
  return each.every((action) => action === 'BLOCK') ? 'BLOCK' : TAKEOVER_LEVELS.map((level, index) => `${level.replace('Action', '').toLowerCase()}=${each[index]}`).join(',');
}

const block: AccountTakeoverActionType = { Notify: false, EventAction: 'BLOCK' };

export const USER_POOL_SETTINGS: SettingSpecs<LiveUserPool, UserPoolRequests> = {
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
    write: ({ UpdateUserPool: update }, value) => {
      update.AdminCreateUserConfig = { ...update.AdminCreateUserConfig, AllowAdminCreateUserOnly: value === 'off' };
    },
    check: 'cognito_user_pool_self_registration_disabled',
  },
  emailAutoVerified: {
    label: 'e-mail auto-verified',
    read: (pool) => (pool.AutoVerifiedAttributes ?? []).includes('email'),
    write: ({ UpdateUserPool: update }, value, live) => {
      const others = (live.AutoVerifiedAttributes ?? []).filter((attribute) => attribute !== 'email');
      update.AutoVerifiedAttributes = value === true ? [...others, 'email'] : others;
    },
  },
  deletionProtection: {
    label: 'deletion protection',
    read: (pool) => pool.DeletionProtection ?? 'INACTIVE',
    write: ({ UpdateUserPool: update }, value) => {
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
  mfa: {
    label: 'MFA (TOTP)',
    read: readMfa,
    write: ({ SetUserPoolMfaConfig: request }, value) => {
      request.MfaConfiguration = MFA_CONFIGURATION[value as MfaMode];
      // TOTP only: SMS costs money per message and can be intercepted; setup never turns it on (the
      // request keeps an SMS or e-mail factor someone else set up: mfaConfigInput).
      if (value !== 'off') request.SoftwareTokenMfaConfiguration = { Enabled: true };
      else {
        // AWS refuses OFF beside any factor; WebAuthn (passkeys) is not one and stays.
        delete request.SoftwareTokenMfaConfiguration;
        delete request.SmsMfaConfiguration;
        delete request.EmailMfaConfiguration;
      }
    },
    operation: 'SetUserPoolMfaConfig',
    check: 'cognito_user_pool_mfa_enabled',
  },
  featurePlan: {
    label: 'feature plan',
    read: (pool) => pool.UserPoolTier ?? 'ESSENTIALS',
    write: ({ UpdateUserPool: update }, value) => {
      update.UserPoolTier = value as 'PLUS';
    },
    // A higher plan than asked is someone's choice (and bill), not drift.
    satisfies: (live, wanted) => (TIER_RANK[String(live)] ?? 0) >= (TIER_RANK[String(wanted)] ?? 0),
  },
  threatProtection: {
    label: 'threat protection',
    read: (pool) => pool.UserPoolAddOns?.AdvancedSecurityMode ?? 'OFF',
    write: ({ UpdateUserPool: update }, value, live) => {
      update.UserPoolAddOns = { ...live.UserPoolAddOns, AdvancedSecurityMode: value as 'AUDIT' | 'ENFORCED' };
      // Threat protection needs the Plus plan, in the same request (the plan's own setting may not be changing).
      if ((TIER_RANK[live.UserPoolTier ?? 'ESSENTIALS'] ?? 0) < TIER_RANK.PLUS) update.UserPoolTier = 'PLUS';
    },
    check: 'cognito_user_pool_advanced_security_enabled',
  },
  compromisedCredentials: {
    label: 'sign-in with compromised credentials',
    read: readCompromised,
    write: ({ SetRiskConfiguration: request }) => {
      request.CompromisedCredentialsRiskConfiguration = { EventFilter: ['SIGN_IN', 'PASSWORD_CHANGE', 'SIGN_UP'], Actions: { EventAction: 'BLOCK' } };
    },
    operation: 'SetRiskConfiguration',
    check: 'cognito_user_pool_blocks_compromised_credentials_sign_in_attempts',
  },
  accountTakeover: {
    label: 'sign-in that looks like account takeover',
    read: readTakeover,
    write: ({ SetRiskConfiguration: request }, _value, live) => {
      const current = live.risk?.AccountTakeoverRiskConfiguration;
      request.AccountTakeoverRiskConfiguration = { ...current, Actions: { LowAction: block, MediumAction: block, HighAction: block } };
    },
    operation: 'SetRiskConfiguration',
    check: 'cognito_user_pool_blocks_potential_malicious_sign_in_attempts',
  },
};

/** What setup wants of a pool it makes or repairs, whatever the inputs. */
export const SAFE_USER_POOL_SETTINGS: WantedSettings = {
  signInWithEmail: true,
  selfRegistration: 'off',
  emailAutoVerified: true,
  deletionProtection: 'ACTIVE',
  passwordMinimumLength: SAFE_PASSWORD_POLICY.minimumLength,
  passwordRequiresLowercase: SAFE_PASSWORD_POLICY.lowercase,
  passwordRequiresUppercase: SAFE_PASSWORD_POLICY.uppercase,
  passwordRequiresNumbers: SAFE_PASSWORD_POLICY.numbers,
  passwordRequiresSymbols: SAFE_PASSWORD_POLICY.symbols,
  temporaryPasswordValidityDays: 7,
};

/** The safe settings with the operator's choices: MFA (TOTP, `optional` unless told), threat protection when asked for. */
export function userPoolSettings(choices: { mfa: MfaMode; threatProtection?: ThreatProtection }): WantedSettings {
  return {
    ...SAFE_USER_POOL_SETTINGS,
    mfa: choices.mfa,
    ...(choices.threatProtection
      ? { featurePlan: 'PLUS', threatProtection: SECURITY_MODE[choices.threatProtection], compromisedCredentials: 'BLOCK', accountTakeover: 'BLOCK' }
      : {}),
  };
}

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
  return definedOnly(input);
}

/** SetRiskConfiguration replaces the whole pool-level configuration: the request starts from the live one. */
function riskInput(live: LiveUserPool, userPoolId: string): SetRiskConfigurationCommandInput {
  const risk = live.risk ?? {};
  return {
    UserPoolId: userPoolId,
    ...(risk.CompromisedCredentialsRiskConfiguration ? { CompromisedCredentialsRiskConfiguration: risk.CompromisedCredentialsRiskConfiguration } : {}),
    ...(risk.AccountTakeoverRiskConfiguration ? { AccountTakeoverRiskConfiguration: risk.AccountTakeoverRiskConfiguration } : {}),
    ...(risk.RiskExceptionConfiguration ? { RiskExceptionConfiguration: risk.RiskExceptionConfiguration } : {}),
  };
}

/**
 * SetUserPoolMfaConfig resets every factor it is not sent (and refuses to drop an SMS factor whose
 * SMS sending is set up), so the request starts from the live configuration GetUserPoolMfaConfig read.
 */
export function mfaConfigInput(live: LiveUserPool, userPoolId: string): SetUserPoolMfaConfigCommandInput {
  const mfa = live.mfaConfig ?? {};
  const input: SetUserPoolMfaConfigCommandInput = {
    UserPoolId: userPoolId,
    MfaConfiguration: mfa.MfaConfiguration ?? live.MfaConfiguration,
    SmsMfaConfiguration: mfa.SmsMfaConfiguration,
    SoftwareTokenMfaConfiguration: mfa.SoftwareTokenMfaConfiguration,
    EmailMfaConfiguration: mfa.EmailMfaConfiguration,
    WebAuthnConfiguration: mfa.WebAuthnConfiguration,
  };
  return definedOnly(input);
}

function requestsFor(live: LiveUserPool, base: UpdateUserPoolCommandInput): UserPoolRequests {
  const id = live.Id ?? '';
  return { UpdateUserPool: base, SetUserPoolMfaConfig: mfaConfigInput(live, id), SetRiskConfiguration: riskInput(live, id) };
}

/** Sends the requests the changes touch, in REQUEST_ORDER. */
async function sendChanges(env: ResourceEnv, live: LiveUserPool, requests: UserPoolRequests, changes: SettingChange[], skip: ReadonlySet<string> = new Set()) {
  const grouped = changesByOperation(USER_POOL_SETTINGS, changes, 'UpdateUserPool');
  for (const operation of REQUEST_ORDER) {
    const touched = grouped.get(operation);
    if (!touched || skip.has(operation)) continue;
    writeChanges(USER_POOL_SETTINGS, requests, touched, live);
    if (operation === 'UpdateUserPool') await env.aws.idp.send(new UpdateUserPoolCommand(requests.UpdateUserPool));
    else if (operation === 'SetUserPoolMfaConfig') await env.aws.idp.send(new SetUserPoolMfaConfigCommand(requests.SetUserPoolMfaConfig));
    else await env.aws.idp.send(new SetRiskConfigurationCommand(requests.SetRiskConfiguration));
  }
}

function createInput(want: UserPoolWant, createdAt: string): CreateUserPoolCommandInput {
  return {
    PoolName: want.name!,
    UsernameAttributes: ['email'],
    UsernameConfiguration: { CaseSensitive: false },
    AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
    // TOTP cannot be named here: SetUserPoolMfaConfig turns MFA on once the pool exists.
    MfaConfiguration: 'OFF',
    UserPoolTags: { ...want.tags, [TAG_CREATED]: createdAt },
  };
}

/** The changes a new pool needs: every wanted setting that can be written, but MFA off (a new pool's own). */
function creationChanges(want: UserPoolWant): SettingChange[] {
  return Object.entries(want.settings)
    .filter(([setting, wanted]) => USER_POOL_SETTINGS[setting].write && !(setting === 'mfa' && wantedValue(wanted) === 'off'))
    .map(([setting, wanted]) => ({ setting, label: setting, from: undefined, to: wantedValue(wanted) }));
}

export const userPool: Resource<LiveUserPool, UserPoolWant> = {
  kind: 'userPool',
  label: 'user pool',

  async read(env, id) {
    const mfa = ignoreNotFound(env.aws.idp.send(new GetUserPoolMfaConfigCommand({ UserPoolId: id })));
    mfa.catch(() => undefined);
    const pool = (await ignoreNotFound(env.aws.idp.send(new DescribeUserPoolCommand({ UserPoolId: id }))))?.UserPool;
    if (!pool) return undefined;
    const { $metadata: _metadata, ...mfaConfig } = (await mfa) ?? { $metadata: {} };
    const live: LiveUserPool = { ...pool, mfaConfig };
    // Only a pool with threat protection on has a risk configuration (AWS refuses the read otherwise).
    if ((pool.UserPoolAddOns?.AdvancedSecurityMode ?? 'OFF') !== 'OFF') {
      try {
        live.risk = (await env.aws.idp.send(new DescribeRiskConfigurationCommand({ UserPoolId: id }))).RiskConfiguration;
      } catch (error) {
        if (!isAwsCode(error, 'UserPoolAddOnNotEnabledException')) throw error;
      }
    }
    return live;
  },

  plan(live, want, origin): Plan<LiveUserPool> {
    if (!live) return { kind: 'userPool', action: 'create', origin, changes: [], blocked: [], warnings: [] };
    const diff = diffSettings(USER_POOL_SETTINGS, live, want.settings);
    return { kind: 'userPool', id: live.Id, action: unchangedOrUpdate(diff.changes), origin, ...diff, live };
  },

  async apply(env, plan, want) {
    if (plan.action === 'create') {
      const created: LiveUserPool = {};
      const requests = requestsFor(created, createInput(want, new Date(env.now()).toISOString()) as UpdateUserPoolCommandInput);
      const changes = creationChanges(want);
      // The create request shares these members with the update request.
      writeChanges(USER_POOL_SETTINGS, requests, changes.filter((change) => !USER_POOL_SETTINGS[change.setting].operation), created);
      const { UserPool } = await env.aws.idp.send(new CreateUserPoolCommand(requests.UpdateUserPool as CreateUserPoolCommandInput));
      if (!UserPool?.Id) throw new AwsError('CreateUserPool returned no pool ID');
      const made: LiveUserPool = { ...UserPool };
      // The pool is usable now (clients, groups, users can be made in it); its MFA and risk
      // configuration go beside them, and the commit point waits for them.
      const finishing = sendChanges(env, made, requestsFor(made, updateUserPoolInput(made)), changes, new Set(['UpdateUserPool']));
      finishing.catch(() => undefined);
      return { id: UserPool.Id, finishing };
    }
    const live = plan.live!;
    if (plan.action === 'update') await sendChanges(env, live, requestsFor(live, updateUserPoolInput(live)), plan.changes);
    return live.Id!;
  },

  /**
   * Deletes the pool, and with it its clients, groups and users. Deletion protection (on since
   * creation) is lifted first through the same full-input update as repairs, so nothing else is
   * reset; the caller has asked for confirmation before this point.
   */
  remove: (env, live) => removeUserPool(env, live),
};

/**
 * The pool's deletion, with a last look before it goes (teardown asks the MMBatch server again):
 * when that look throws, or AWS refuses or fails the deletion, the pool stays, with the deletion
 * protection it had.
 */
export async function removeUserPool(env: ResourceEnv, live: LiveUserPool, lastLook?: () => Promise<void>): Promise<void> {
  const protectedPool = live.DeletionProtection === 'ACTIVE';
  if (protectedPool) await env.aws.idp.send(new UpdateUserPoolCommand({ ...updateUserPoolInput(live), DeletionProtection: 'INACTIVE' }));
  try {
    await lastLook?.();
    await ignoreNotFound(env.aws.idp.send(new DeleteUserPoolCommand({ UserPoolId: live.Id! })));
  } catch (error) {
    if (protectedPool) await restoreDeletionProtection(env, live, error);
    throw error;
  }
}

/** Puts back the protection lifted for a deletion that did not happen; if that fails too, says both. */
async function restoreDeletionProtection(env: ResourceEnv, live: LiveUserPool, why: unknown): Promise<void> {
  try {
    await env.aws.undoing(() => env.aws.idp.send(new UpdateUserPoolCommand({ ...updateUserPoolInput(live), DeletionProtection: 'ACTIVE' })));
  } catch (error) {
    throw new AwsError(`user pool ${live.Id} was not deleted (${(why as Error).message}), and its deletion protection could not be turned back on: ${(error as Error).message}`, {
      cause: error,
      hint: 'run teardown again: it finishes the deletion (or turn deletion protection back on in the console)',
    });
  }
}

/** Every pool of this name, by ID (ListUserPools answers names and IDs, not tags). */
export async function userPoolIdsNamed(env: ResourceEnv, name: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of paginateListUserPools({ client: env.aws.idp, pageSize: 60 }, { MaxResults: 60 })) {
    for (const pool of page.UserPools ?? []) if (pool.Name === name && pool.Id) ids.push(pool.Id);
  }
  return ids;
}
