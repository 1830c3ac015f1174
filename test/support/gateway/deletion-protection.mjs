// A user pool's DeletionProtection, which cognito-local drops: the gateway keeps it and refuses DeleteUserPool as AWS does.
import { AwsError } from './wire-errors.mjs';

/** @param {import('./sign-in-rules.mjs').CognitoLocal} cognitoLocal */
export function createDeletionProtection(cognitoLocal) {
  /** @type {Map<string, 'ACTIVE' | 'INACTIVE'>} */
  const settings = new Map();
  const settingOf = (/** @type {string} */ poolId) => settings.get(poolId) ?? 'INACTIVE';

  return {
    /** @param {Record<string, any>} input */
    async CreateUserPool(input) {
      const output = await cognitoLocal.call('CreateUserPool', input);
      settings.set(output.UserPool.Id, input.DeletionProtection ?? 'INACTIVE');
      return { ...output, UserPool: { ...output.UserPool, DeletionProtection: settingOf(output.UserPool.Id) } };
    },

    /** UpdateUserPool resets whatever it is not given to the default, DeletionProtection included. @param {Record<string, any>} input */
    async UpdateUserPool(input) {
      const output = await cognitoLocal.call('UpdateUserPool', input);
      settings.set(input.UserPoolId, input.DeletionProtection ?? 'INACTIVE');
      return output;
    },

    /** @param {Record<string, any>} input */
    async DescribeUserPool(input) {
      const output = await cognitoLocal.call('DescribeUserPool', input);
      return { ...output, UserPool: { ...output.UserPool, DeletionProtection: settingOf(input.UserPoolId) } };
    },

    /** @param {Record<string, any>} input */
    async DeleteUserPool(input) {
      if (settingOf(input.UserPoolId) === 'ACTIVE') {
        throw new AwsError(
          'InvalidParameterException',
          'The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.',
        );
      }
      const output = await cognitoLocal.call('DeleteUserPool', input);
      settings.delete(input.UserPoolId);
      return output;
    },
  };
}
