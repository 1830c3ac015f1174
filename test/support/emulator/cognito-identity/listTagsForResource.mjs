import { cognitoIdentityError } from '../errors.mjs';
import { ConstraintCheck } from '../validate.mjs';
import { ARN_STRING, expectTypes, findPoolByArn } from './pools.mjs';

/** @type {import('./index.mjs').CognitoIdentityOperation} */
export async function listTagsForResource(body, { state, ctx }) {
  expectTypes(body, { ResourceArn: 'string' });
  const check = new ConstraintCheck();
  check.string(body.ResourceArn, 'resourceArn', { ...ARN_STRING, required: true });
  check.throwIfFailed(cognitoIdentityError.validation);

  return { Tags: { ...findPoolByArn(state, ctx, body.ResourceArn).tags } };
}
