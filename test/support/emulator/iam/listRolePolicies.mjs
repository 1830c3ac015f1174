import { iamError } from '../errors.mjs';
import { ConstraintCheck } from '../validate.mjs';
import { ROLE_NAME, findRole, page, readPaging } from './roles.mjs';

/** @type {import('./index.mjs').IamOperation} */
export async function listRolePolicies(params, { state }) {
  const check = new ConstraintCheck();
  check.string(params.RoleName, 'roleName', { ...ROLE_NAME, required: true });
  const paging = readPaging(params, check);
  check.throwIfFailed(iamError.validation);

  const role = findRole(state, params.RoleName);
  const entries = [...role.inlinePolicies.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, policy]) => ({ key, item: policy.PolicyName }));
  const { page: names, IsTruncated, Marker } = page(entries, paging);
  return { PolicyNames: names, IsTruncated, Marker };
}
