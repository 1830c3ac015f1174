import { cognitoIdentityError } from '../errors.mjs';
import { ConstraintCheck } from '../validate.mjs';
import {
  IDENTITY_POOL_ID, checkPoolDefinition, expectTypes, findPool, poolOutput, rejectInvalidDefinition, settingsFromDefinition,
} from './pools.mjs';

/**
 * Replaces the pool's whole definition, as the real API does: a setting left out of the
 * request goes back to its default. Two exceptions: DeveloperProviderName can be set once and
 * never changed, and tags are only replaced when IdentityPoolTags is given (TagResource and
 * UntagResource manage them otherwise).
 * @type {import('./index.mjs').CognitoIdentityOperation}
 */
export async function updateIdentityPool(body, { state, ctx }) {
  expectTypes(body, { IdentityPoolId: 'string' });
  const check = new ConstraintCheck();
  check.string(body.IdentityPoolId, 'identityPoolId', { ...IDENTITY_POOL_ID, required: true });
  checkPoolDefinition(body, check);
  check.throwIfFailed(cognitoIdentityError.validation);
  rejectInvalidDefinition(body);

  const pool = findPool(state, ctx, body.IdentityPoolId);
  const settings = settingsFromDefinition(body);
  if (pool.DeveloperProviderName !== undefined) {
    if (settings.DeveloperProviderName !== undefined && settings.DeveloperProviderName !== pool.DeveloperProviderName) {
      throw cognitoIdentityError.invalidParameter('DeveloperProviderName cannot be changed once it is set.');
    }
    settings.DeveloperProviderName = pool.DeveloperProviderName;
  }
  Object.assign(pool, settings);
  if (body.IdentityPoolTags !== undefined && body.IdentityPoolTags !== null) pool.tags = { ...body.IdentityPoolTags };
  return poolOutput(pool);
}
