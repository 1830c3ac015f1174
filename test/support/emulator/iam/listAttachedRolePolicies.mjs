import { iamError } from '../errors.mjs';
import { ConstraintCheck } from '../validate.mjs';
import { POLICY_PATH_PREFIX, ROLE_NAME, findRole, page, readPaging } from './roles.mjs';

/** @type {import('./index.mjs').IamOperation} */
export async function listAttachedRolePolicies(params, { state }) {
  const check = new ConstraintCheck();
  check.string(params.RoleName, 'roleName', { ...ROLE_NAME, required: true });
  check.string(params.PathPrefix, 'pathPrefix', POLICY_PATH_PREFIX);
  const paging = readPaging(params, check);
  check.throwIfFailed(iamError.validation);

  const role = findRole(state, params.RoleName);
  // Managed policies are not emulated: what was attached is listed by ARN, with no path to filter by.
  const entries = [...role.attachedPolicies.values()].sort((a, b) => (a.PolicyArn < b.PolicyArn ? -1 : 1)).map((policy) => ({ key: policy.PolicyArn, item: { ...policy } }));
  const { page: AttachedPolicies, IsTruncated, Marker } = page(entries, paging);
  return { AttachedPolicies, IsTruncated, Marker };
}
