import { cognitoIdentityError } from '../errors.mjs';
import { newIdentityPoolId } from '../ids.mjs';
import { ConstraintCheck } from '../validate.mjs';
import { checkPoolDefinition, poolOutput, rejectInvalidDefinition, settingsFromDefinition } from './pools.mjs';

/** @type {import('./index.mjs').CognitoIdentityOperation} */
export async function createIdentityPool(body, { state, ctx }) {
  const check = new ConstraintCheck();
  checkPoolDefinition(body, check);
  check.throwIfFailed(cognitoIdentityError.validation);
  rejectInvalidDefinition(body);

  /** @type {import('../state.mjs').IdentityPool} */
  const pool = {
    IdentityPoolId: newIdentityPoolId(ctx.region),
    region: ctx.region,
    ...settingsFromDefinition(body),
    tags: { ...(body.IdentityPoolTags ?? {}) },
    roles: {},
    roleMappings: {},
  };
  state.cognitoIdentity.pools.set(pool.IdentityPoolId, pool);
  return poolOutput(pool);
}
