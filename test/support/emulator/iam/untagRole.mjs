import { iamError } from '../errors.mjs';
import { ConstraintCheck } from '../validate.mjs';
import { memberList } from './params.mjs';
import { MAX_TAGS, ROLE_NAME, TAG_KEY, findRole } from './roles.mjs';

/** @type {import('./index.mjs').IamOperation} */
export async function untagRole(params, { state }) {
  const check = new ConstraintCheck();
  check.string(params.RoleName, 'roleName', { ...ROLE_NAME, required: true });
  const keys = /** @type {string[] | undefined} */ (memberList(params, 'TagKeys'));
  if (check.present(keys, 'tagKeys', true) && keys) {
    check.size(keys, 'tagKeys', { max: MAX_TAGS });
    keys.forEach((key, i) => check.string(key, `tagKeys.${i + 1}.member`, TAG_KEY));
  }
  check.throwIfFailed(iamError.validation);

  const role = findRole(state, params.RoleName);
  const removed = new Set((keys ?? []).map((key) => String(key).toLowerCase()));
  role.tags = role.tags.filter((tag) => !removed.has(tag.Key.toLowerCase()));
  return undefined;
}
