import { cognitoIdentityError } from '../errors.mjs';
import { ConstraintCheck } from '../validate.mjs';
import { ARN_STRING, MAX_TAGS, checkTags, expectTypes, findPoolByArn } from './pools.mjs';

/** @type {import('./index.mjs').CognitoIdentityOperation} */
export async function tagResource(body, { state, ctx }) {
  expectTypes(body, { ResourceArn: 'string', Tags: 'map<string>' });
  const check = new ConstraintCheck();
  check.string(body.ResourceArn, 'resourceArn', { ...ARN_STRING, required: true });
  if (check.present(body.Tags, 'tags', true)) checkTags(body.Tags, 'tags', check);
  check.throwIfFailed(cognitoIdentityError.validation);

  const pool = findPoolByArn(state, ctx, body.ResourceArn);
  const tags = { ...pool.tags, ...body.Tags };
  if (Object.keys(tags).length > MAX_TAGS) {
    throw cognitoIdentityError.invalidParameter(`An identity pool can have at most ${MAX_TAGS} tags.`);
  }
  pool.tags = tags;
  return undefined;
}
