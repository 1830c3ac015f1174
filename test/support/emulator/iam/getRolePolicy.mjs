import { iamError } from '../errors.mjs';
import { ConstraintCheck } from '../validate.mjs';
import { encodePolicyDocument } from './policy.mjs';
import { POLICY_NAME, ROLE_NAME, findRole } from './roles.mjs';

/** @type {import('./index.mjs').IamOperation} */
export async function getRolePolicy(params, { state }) {
  const check = new ConstraintCheck();
  check.string(params.RoleName, 'roleName', { ...ROLE_NAME, required: true });
  check.string(params.PolicyName, 'policyName', { ...POLICY_NAME, required: true });
  check.throwIfFailed(iamError.validation);

  const role = findRole(state, params.RoleName);
  const policy = role.inlinePolicies.get(params.PolicyName.toLowerCase());
  if (!policy) throw iamError.noSuchEntity(`The role policy with name ${params.PolicyName} cannot be found.`);
  return {
    RoleName: role.RoleName,
    PolicyName: policy.PolicyName,
    PolicyDocument: encodePolicyDocument(policy.PolicyDocument),
  };
}
