import { cognitoIdentityError } from '../errors.mjs';
import { ConstraintCheck } from '../validate.mjs';
import { IDENTITY_POOL_ID, expectTypes, findPool, poolOutput } from './pools.mjs';

/** @type {import('./index.mjs').CognitoIdentityOperation} */
export async function describeIdentityPool(body, { state, ctx }) {
  expectTypes(body, { IdentityPoolId: 'string' });
  const check = new ConstraintCheck();
  check.string(body.IdentityPoolId, 'identityPoolId', { ...IDENTITY_POOL_ID, required: true });
  check.throwIfFailed(cognitoIdentityError.validation);

  return poolOutput(findPool(state, ctx, body.IdentityPoolId));
}
