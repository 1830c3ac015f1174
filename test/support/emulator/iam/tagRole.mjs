import { iamError } from '../errors.mjs';
import { ConstraintCheck } from '../validate.mjs';
import { MAX_TAGS, ROLE_NAME, findRole, readTags, rejectDuplicateTagKeys } from './roles.mjs';

/** @type {import('./index.mjs').IamOperation} */
export async function tagRole(params, { state }) {
  const check = new ConstraintCheck();
  check.string(params.RoleName, 'roleName', { ...ROLE_NAME, required: true });
  const tags = readTags(params, check, true) ?? [];
  check.throwIfFailed(iamError.validation);

  rejectDuplicateTagKeys(tags);
  const role = findRole(state, params.RoleName);
  // A key already present (in any case) takes the new value; the rest are added.
  const merged = [...role.tags];
  for (const tag of tags) {
    const at = merged.findIndex((existing) => existing.Key.toLowerCase() === tag.Key.toLowerCase());
    if (at >= 0) merged[at] = { ...tag };
    else merged.push({ ...tag });
  }
  if (merged.length > MAX_TAGS) throw iamError.limitExceeded('The number of tags has reached the maximum limit.');
  role.tags = merged;
  return undefined;
}
