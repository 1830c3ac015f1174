import { cognitoLocalPoolInput, describedPool, rejectConflictingValidity, settingsOnCreate } from './pool-settings.mjs';

/**
 * cognito-local creates the pool; the gateway keeps what cognito-local drops (deletion protection, feature plan,
 * threat protection, MFA) and answers with Cognito's defaults filled in.
 * @type {import('../cognito-idp.mjs').IdpOperation}
 */
export async function createUserPool(input, { cognitoLocal, state }) {
  const settings = settingsOnCreate(input);
  rejectConflictingValidity(input);
  const { UserPool } = await cognitoLocal.call('CreateUserPool', { ...cognitoLocalPoolInput(input, undefined), PoolName: input.PoolName });
  state.pools.set(UserPool.Id, settings);
  return { UserPool: describedPool(UserPool, settings) };
}
