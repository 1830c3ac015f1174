import { iamError } from '../errors.mjs';
import { ConstraintCheck } from '../validate.mjs';
import { ROLE_NAME, findRole, roleOutput } from './roles.mjs';

/** @type {import('./index.mjs').IamOperation} */
export async function getRole(params, { state }) {
  const check = new ConstraintCheck();
  check.string(params.RoleName, 'roleName', { ...ROLE_NAME, required: true });
  check.throwIfFailed(iamError.validation);

  return { Role: roleOutput(findRole(state, params.RoleName), 'get') };
}
