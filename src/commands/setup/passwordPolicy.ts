// The admin's password against the pool's password policy, checked here before anything is written
// (and as the user types), not by Cognito after six resources exist. The policy that counts is the
// one the pool will have when the admin is made: setup's safe settings for a new pool; for a pool
// that exists, the stricter of its live policy and the safe settings (setup raises a weaker one first).
import type { UserPoolType } from '@aws-sdk/client-cognito-identity-provider';
import { SAFE_USER_POOL_SETTINGS } from '../../resources/userPool.js';
import { UsageError } from '../../errors.js';

export interface PasswordPolicy {
  minimumLength: number;
  lowercase: boolean;
  uppercase: boolean;
  numbers: boolean;
  symbols: boolean;
}

/** Cognito's symbols (its developer guide's list), the space included. */
const SYMBOL = /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/;

const wanted = (key: string) => SAFE_USER_POOL_SETTINGS[key] as unknown;

/** The policy setup gives a pool it creates. */
export function safePolicy(): PasswordPolicy {
  return {
    minimumLength: Number(wanted('passwordMinimumLength') ?? 8),
    lowercase: wanted('passwordRequiresLowercase') === true,
    uppercase: wanted('passwordRequiresUppercase') === true,
    numbers: wanted('passwordRequiresNumbers') === true,
    symbols: wanted('passwordRequiresSymbols') === true,
  };
}

/** The policy a pool will have once setup has repaired it: the stricter of each rule. */
export function effectivePolicy(live: UserPoolType | undefined): PasswordPolicy {
  const safe = safePolicy();
  const policy = live?.Policies?.PasswordPolicy;
  if (!policy) return safe;
  return {
    minimumLength: Math.max(safe.minimumLength, policy.MinimumLength ?? 0),
    lowercase: safe.lowercase || policy.RequireLowercase === true,
    uppercase: safe.uppercase || policy.RequireUppercase === true,
    numbers: safe.numbers || policy.RequireNumbers === true,
    symbols: safe.symbols || policy.RequireSymbols === true,
  };
}

/** What the password lacks, in words ([] when it meets the policy). */
export function policyProblems(password: string, policy: PasswordPolicy): string[] {
  const problems: string[] = [];
  if ([...password].length < policy.minimumLength) problems.push(`at least ${policy.minimumLength} characters`);
  if (policy.lowercase && !/[a-z]/.test(password)) problems.push('a lower-case letter');
  if (policy.uppercase && !/[A-Z]/.test(password)) problems.push('an upper-case letter');
  if (policy.numbers && !/[0-9]/.test(password)) problems.push('a digit');
  if (policy.symbols && !SYMBOL.test(password)) problems.push('a symbol');
  if (/^\s|\s$/.test(password)) problems.push('no space at either end');
  return problems;
}

export function describePolicyProblems(problems: string[]): string {
  return `the password needs ${problems.length > 1 ? `${problems.slice(0, -1).join(', ')} and ${problems[problems.length - 1]}` : problems[0]}`;
}

/** Refuses a password that breaks the policy: exit 2, before any write (the password itself is never shown). */
export function requirePolicyCompliant(password: string, policy: PasswordPolicy, poolId?: string): void {
  const problems = policyProblems(password, policy);
  if (problems.length) {
    throw new UsageError(`the admin's password does not meet the password policy of ${poolId ? `user pool ${poolId}` : 'the new user pool'}: ${describePolicyProblems(problems).replace(/^the password /, 'it ')}`, {
      hint: 'choose another and run setup again; nothing was changed',
    });
  }
}
