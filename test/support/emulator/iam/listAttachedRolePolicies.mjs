import { iamError } from '../errors.mjs';
import { ConstraintCheck } from '../validate.mjs';
import { POLICY_PATH_PREFIX, ROLE_NAME, findRole, readPaging } from './roles.mjs';

/** @type {import('./index.mjs').IamOperation} */
export async function listAttachedRolePolicies(params, { state }) {
  const check = new ConstraintCheck();
  check.string(params.RoleName, 'roleName', { ...ROLE_NAME, required: true });
  check.string(params.PathPrefix, 'pathPrefix', POLICY_PATH_PREFIX);
  readPaging(params, check);
  check.throwIfFailed(iamError.validation);

  findRole(state, params.RoleName);
  // Managed policies are not emulated, so nothing is ever attached.
  return { AttachedPolicies: [], IsTruncated: false };
}
