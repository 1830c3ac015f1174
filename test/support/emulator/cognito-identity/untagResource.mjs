import { cognitoIdentityError } from '../errors.mjs';
import { ConstraintCheck } from '../validate.mjs';
import { ARN_STRING, TAG_KEY, expectTypes, findPoolByArn } from './pools.mjs';

/** @type {import('./index.mjs').CognitoIdentityOperation} */
export async function untagResource(body, { state, ctx }) {
  expectTypes(body, { ResourceArn: 'string', TagKeys: 'string[]' });
  const check = new ConstraintCheck();
  check.string(body.ResourceArn, 'resourceArn', { ...ARN_STRING, required: true });
  if (check.present(body.TagKeys, 'tagKeys', true)) {
    body.TagKeys.forEach((/** @type {string} */ key, /** @type {number} */ i) => check.string(key, `tagKeys.${i + 1}.member`, TAG_KEY));
  }
  check.throwIfFailed(cognitoIdentityError.validation);

  const pool = findPoolByArn(state, ctx, body.ResourceArn);
  const tags = { ...pool.tags };
  for (const key of body.TagKeys) delete tags[key];
  pool.tags = tags;
  return undefined;
}
