import { cognitoIdentityError } from '../errors.mjs';
import { ConstraintCheck } from '../validate.mjs';
import { IDENTITY_POOL_ID, expectTypes, findPool } from './pools.mjs';

/** @type {import('./index.mjs').CognitoIdentityOperation} */
export async function getIdentityPoolRoles(body, { state, ctx }) {
  expectTypes(body, { IdentityPoolId: 'string' });
  const check = new ConstraintCheck();
  check.string(body.IdentityPoolId, 'identityPoolId', { ...IDENTITY_POOL_ID, required: true });
  check.throwIfFailed(cognitoIdentityError.validation);

  const pool = findPool(state, ctx, body.IdentityPoolId);
  return {
    IdentityPoolId: pool.IdentityPoolId,
    Roles: { ...pool.roles },
    RoleMappings: Object.keys(pool.roleMappings).length > 0 ? structuredClone(pool.roleMappings) : undefined,
  };
}
