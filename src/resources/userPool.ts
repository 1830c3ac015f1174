// The user pool: e-mail as the sign-in name, e-mail auto-verified, self-registration off from the
// first second (AllowAdminCreateUserOnly at creation, never a later fix), deletion protection on.
import {
  CreateUserPoolCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolCommand,
  ListUserPoolsCommand,
  UpdateUserPoolCommand,
  type UpdateUserPoolCommandInput,
  type UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { isAwsCode } from '../aws/errors.js';
import { UnrepairableDriftError, UsageError } from '../errors.js';
import { planFrom, type Plan } from './plan.js';
import { findOneByName } from './findByName.js';

export interface DesiredUserPool {
  name: string;
  tags: Record<string, string>;
  /** When undefined the caller does not care about the switch (e.g. `self-signup enable`). */
  selfSignupDisabled: boolean;
}

export type UserPoolPlan = Plan<UserPoolType, DesiredUserPool>;

export const DEFAULT_PASSWORD_POLICY = {
  MinimumLength: 12,
  RequireUppercase: true,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: true,
  TemporaryPasswordValidityDays: 7,
};

/** Finds the pool by its recorded ID first, then by name; never guesses between two of the same name. */
export async function readUserPool(
  idp: CognitoIdentityProviderClient,
  ref: { id?: string; name?: string },
): Promise<UserPoolType | undefined> {
  if (ref.id) {
    try {
      const { UserPool } = await idp.send(new DescribeUserPoolCommand({ UserPoolId: ref.id }));
      return UserPool;
    } catch (error) {
      if (!isAwsCode(error, 'ResourceNotFoundException')) throw error;
      if (!ref.name) return undefined;
    }
  }
  if (!ref.name) return undefined;
  const id = await findUserPoolIdByName(idp, ref.name);
  if (!id) return undefined;
  const { UserPool } = await idp.send(new DescribeUserPoolCommand({ UserPoolId: id }));
  return UserPool;
}

function findUserPoolIdByName(idp: CognitoIdentityProviderClient, name: string): Promise<string | undefined> {
  return findOneByName(
    async (NextToken) => {
      const page = await idp.send(new ListUserPoolsCommand({ MaxResults: 60, NextToken }));
      return { items: (page.UserPools ?? []).map((pool) => ({ name: pool.Name, id: pool.Id })), next: page.NextToken };
    },
    name,
    { what: 'user pools', hint: 'pass --user-pool-id to choose one, or --name for a new one' },
  );
}

export function userPoolDrift(live: UserPoolType, desired: Pick<DesiredUserPool, 'selfSignupDisabled'>): string[] {
  const drift: string[] = [];
  if (desired.selfSignupDisabled && live.AdminCreateUserConfig?.AllowAdminCreateUserOnly !== true) {
    drift.push('self-registration is on');
  }
  if (!desired.selfSignupDisabled && live.AdminCreateUserConfig?.AllowAdminCreateUserOnly === true) {
    drift.push('self-registration is off');
  }
  if (!(live.AutoVerifiedAttributes ?? []).includes('email')) drift.push('e-mail is not auto-verified');
  if (live.DeletionProtection !== 'ACTIVE') drift.push('deletion protection is off');
  return drift;
}

/** Drift that UpdateUserPool cannot repair: the sign-in attribute is fixed at creation. */
export function userPoolUnrepairable(live: UserPoolType): string[] {
  const usernameAttributes = live.UsernameAttributes ?? [];
  return usernameAttributes.includes('email') ? [] : ['e-mail is not the sign-in name (fixed at creation)'];
}

export function planUserPool(live: UserPoolType | undefined, desired: DesiredUserPool): UserPoolPlan {
  return planFrom('userPool', live, desired, live?.Id, (pool) => userPoolDrift(pool, desired));
}

export async function applyUserPool(idp: CognitoIdentityProviderClient, plan: UserPoolPlan): Promise<string> {
  const { desired } = plan;
  if (plan.action === 'create') {
    const { UserPool } = await idp.send(
      new CreateUserPoolCommand({
        PoolName: desired.name,
        UsernameAttributes: ['email'],
        UsernameConfiguration: { CaseSensitive: false },
        AutoVerifiedAttributes: ['email'],
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: desired.selfSignupDisabled },
        AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
        Policies: { PasswordPolicy: DEFAULT_PASSWORD_POLICY },
        DeletionProtection: 'ACTIVE',
        MfaConfiguration: 'OFF',
        UserPoolTags: desired.tags,
      }),
    );
    if (!UserPool?.Id) throw new UsageError('CreateUserPool returned no pool ID');
    return UserPool.Id;
  }
  const live = plan.live!;
  if (plan.action === 'update') {
    const unrepairable = userPoolUnrepairable(live);
    if (unrepairable.length) {
      throw new UnrepairableDriftError(`user pool ${live.Id}: ${unrepairable.join('; ')}`, {
        hint: 'create a new pool with another --name',
      });
    }
    await idp.send(
      new UpdateUserPoolCommand(
        updateUserPoolInput(live, {
          AutoVerifiedAttributes: [...new Set([...(live.AutoVerifiedAttributes ?? []), 'email' as const])],
          AdminCreateUserConfig: {
            ...updatableAdminCreateUserConfig(live),
            AllowAdminCreateUserOnly: desired.selfSignupDisabled,
          },
          DeletionProtection: 'ACTIVE',
        }),
      ),
    );
  }
  return live.Id!;
}

function updatableAdminCreateUserConfig(live: UserPoolType): UpdateUserPoolCommandInput['AdminCreateUserConfig'] {
  const config = { ...(live.AdminCreateUserConfig ?? {}) };
  // Deprecated; AWS refuses it beside PasswordPolicy.TemporaryPasswordValidityDays, which
  // DescribeUserPool always returns.
  delete config.UnusedAccountValidityDays;
  return config;
}

/**
 * UpdateUserPool resets every setting left out of the request to its default, so the request is
 * built from the live pool with only our changes on top.
 */
export function updateUserPoolInput(
  live: UserPoolType,
  changes: Partial<UpdateUserPoolCommandInput>,
): UpdateUserPoolCommandInput {
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
    AdminCreateUserConfig: updatableAdminCreateUserConfig(live),
    UserPoolAddOns: live.UserPoolAddOns,
    AccountRecoverySetting: live.AccountRecoverySetting,
    PoolName: live.Name,
    UserPoolTier: live.UserPoolTier,
    ...changes,
  };
  for (const key of Object.keys(input) as (keyof UpdateUserPoolCommandInput)[]) {
    if (input[key] === undefined) delete input[key];
  }
  return input;
}

/**
 * Deletes the pool, and with it its clients, groups and users. Deletion protection (on since
 * creation) is lifted first, through the same full-input update as repairs so nothing else is
 * reset; the caller has asked for confirmation before this point.
 */
export async function deleteUserPool(idp: CognitoIdentityProviderClient, live: UserPoolType): Promise<void> {
  if (live.DeletionProtection === 'ACTIVE') {
    await idp.send(new UpdateUserPoolCommand(updateUserPoolInput(live, { DeletionProtection: 'INACTIVE' })));
  }
  try {
    await idp.send(new DeleteUserPoolCommand({ UserPoolId: live.Id! }));
  } catch (error) {
    // Gone already (a second teardown, or someone else): that is the goal.
    if (!isAwsCode(error, 'ResourceNotFoundException')) throw error;
  }
}

/** Only what a person needs to see of the pool, for `user-pool show` and `status`. */
export function describeUserPoolForPeople(pool: UserPoolType): Record<string, unknown> {
  return {
    id: pool.Id,
    name: pool.Name,
    arn: pool.Arn,
    signInWith: pool.UsernameAttributes ?? [],
    autoVerified: pool.AutoVerifiedAttributes ?? [],
    selfRegistration: pool.AdminCreateUserConfig?.AllowAdminCreateUserOnly ? 'off' : 'on',
    deletionProtection: pool.DeletionProtection ?? 'INACTIVE',
    mfa: pool.MfaConfiguration ?? 'OFF',
  };
}
