import { iamError } from '../errors.mjs';
import { ConstraintCheck } from '../validate.mjs';
import { ROLE_NAME, findRole, page, readPaging } from './roles.mjs';

/** @type {import('./index.mjs').IamOperation} */
export async function listRoleTags(params, { state }) {
  const check = new ConstraintCheck();
  check.string(params.RoleName, 'roleName', { ...ROLE_NAME, required: true });
  const paging = readPaging(params, check);
  check.throwIfFailed(iamError.validation);

  const role = findRole(state, params.RoleName);
  const entries = role.tags.map((tag, i) => ({ key: String(i).padStart(4, '0'), item: { ...tag } }));
  const { page: tags, IsTruncated, Marker } = page(entries, paging);
  return { Tags: tags, IsTruncated, Marker };
}
