import { iamError } from '../errors.mjs';
import { ConstraintCheck } from '../validate.mjs';
import { ROLE_NAME, findRole } from './roles.mjs';

/** @type {import('./index.mjs').IamOperation} */
export async function deleteRole(params, { state }) {
  const check = new ConstraintCheck();
  check.string(params.RoleName, 'roleName', { ...ROLE_NAME, required: true });
  check.throwIfFailed(iamError.validation);

  const role = findRole(state, params.RoleName);
  // IAM refuses while anything is still attached; inline policies are all this emulator has.
  if (role.inlinePolicies.size > 0) {
    throw iamError.deleteConflict('Cannot delete entity, must delete policies first.');
  }
  state.iam.roles.delete(role.RoleName.toLowerCase());
  return undefined;
}
