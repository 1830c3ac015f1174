import { iamError } from '../errors.mjs';
import { ConstraintCheck } from '../validate.mjs';
import { ROLE_NAME, findRole } from './roles.mjs';

/** @type {import('./index.mjs').IamOperation} */
export async function deleteRole(params, { state }) {
  const check = new ConstraintCheck();
  check.string(params.RoleName, 'roleName', { ...ROLE_NAME, required: true });
  check.throwIfFailed(iamError.validation);

  const role = findRole(state, params.RoleName);
  // IAM refuses while any policy is still on the role (instance profiles are not emulated), in the words it uses for each.
  if (role.inlinePolicies.size > 0) throw iamError.deleteConflict('Cannot delete entity, must delete policies first.');
  if (role.attachedPolicies.size > 0) throw iamError.deleteConflict('Cannot delete entity, must detach all policies first.');
  // IAM is eventually consistent: a policy removed a moment ago may still be seen (iam/propagation.mjs).
  if (role.policyRemovedAt !== undefined && Date.now() - role.policyRemovedAt < state.settings.iamDeleteConflictMs) {
    throw iamError.deleteConflict('Cannot delete entity, must delete policies first.');
  }
  state.iam.roles.delete(role.RoleName.toLowerCase());
  return undefined;
}
