import { iamError } from '../errors.mjs';
import { ConstraintCheck } from '../validate.mjs';
import { ARN, ROLE_NAME, findRole } from './roles.mjs';

/** @type {import('./index.mjs').IamOperation} */
export async function detachRolePolicy(params, { state }) {
  const check = new ConstraintCheck();
  check.string(params.RoleName, 'roleName', { ...ROLE_NAME, required: true });
  check.string(params.PolicyArn, 'policyArn', { ...ARN, required: true });
  check.throwIfFailed(iamError.validation);

  const role = findRole(state, params.RoleName);
  if (!role.attachedPolicies.delete(params.PolicyArn)) throw iamError.noSuchEntity(`Policy ${params.PolicyArn} was not found.`);
  role.policyRemovedAt = Date.now();
  return undefined;
}
