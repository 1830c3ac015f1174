import { iamError } from '../errors.mjs';
import { ConstraintCheck } from '../validate.mjs';
import { POLICY_NAME, ROLE_NAME, findRole } from './roles.mjs';

/** @type {import('./index.mjs').IamOperation} */
export async function deleteRolePolicy(params, { state }) {
  const check = new ConstraintCheck();
  check.string(params.RoleName, 'roleName', { ...ROLE_NAME, required: true });
  check.string(params.PolicyName, 'policyName', { ...POLICY_NAME, required: true });
  check.throwIfFailed(iamError.validation);

  const role = findRole(state, params.RoleName);
  const key = params.PolicyName.toLowerCase();
  if (!role.inlinePolicies.has(key)) {
    throw iamError.noSuchEntity(`The role policy with name ${params.PolicyName} cannot be found.`);
  }
  role.inlinePolicies.delete(key);
  role.policyRemovedAt = Date.now();
  return undefined;
}
