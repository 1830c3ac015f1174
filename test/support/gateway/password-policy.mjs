// The pool's password policy, which cognito-local stores but never applies; Cognito refuses a password that breaks it.
import { AwsError } from './wire-errors.mjs';

/** What Cognito applies when a pool has no policy of its own (or an UpdateUserPool reset it). */
const DEFAULT_POLICY = { MinimumLength: 8, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true };

/** @type {Array<[keyof typeof DEFAULT_POLICY, RegExp, string]>} */
const CHARACTER_RULES = [
  ['RequireUppercase', /[A-Z]/, 'Password must have uppercase characters'],
  ['RequireLowercase', /[a-z]/, 'Password must have lowercase characters'],
  ['RequireNumbers', /[0-9]/, 'Password must have numeric characters'],
  ['RequireSymbols', /[^A-Za-z0-9]/, 'Password must have symbol characters'],
];

/**
 * @param {import('./sign-in-rules.mjs').Store} store @param {string} poolId @param {string | undefined} password
 * @returns {Promise<void>} rejects with InvalidPasswordException as Cognito words it
 */
export async function requirePolicyCompliantPassword(store, poolId, password) {
  if (password === undefined) return;
  const policy = (await store.passwordPolicy(poolId)) ?? DEFAULT_POLICY;
  const problems = [];
  if (password.length < (policy.MinimumLength ?? DEFAULT_POLICY.MinimumLength)) problems.push('Password not long enough');
  for (const [setting, pattern, problem] of CHARACTER_RULES) if (policy[setting] && !pattern.test(password)) problems.push(problem);
  if (problems.length) throw new AwsError('InvalidPasswordException', `Password does not conform to policy: ${problems[0]}`);
}

/**
 * Password checks in front of the operations that set one.
 * @param {{ cognitoLocal: import('./sign-in-rules.mjs').CognitoLocal, store: import('./sign-in-rules.mjs').Store }} deps
 */
export function createPasswordPolicyChecks({ cognitoLocal, store }) {
  return {
    /** @param {Record<string, any>} input */
    async AdminSetUserPassword(input) {
      await requirePolicyCompliantPassword(store, input.UserPoolId, input.Password);
      return cognitoLocal.call('AdminSetUserPassword', input);
    },
    /** @param {Record<string, any>} input */
    async AdminCreateUser(input) {
      await requirePolicyCompliantPassword(store, input.UserPoolId, input.TemporaryPassword);
      return cognitoLocal.call('AdminCreateUser', input);
    },
  };
}
