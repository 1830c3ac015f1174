import { iamError } from '../errors.mjs';
import { ConstraintCheck } from '../validate.mjs';
import { checkPolicyDocument, policySize } from './policy.mjs';
import { INLINE_ROLE_POLICIES_QUOTA, POLICY_DOCUMENT, POLICY_NAME, ROLE_NAME, findRole } from './roles.mjs';

/** @type {import('./index.mjs').IamOperation} */
export async function putRolePolicy(params, { state }) {
  const check = new ConstraintCheck();
  check.string(params.RoleName, 'roleName', { ...ROLE_NAME, required: true });
  check.string(params.PolicyName, 'policyName', { ...POLICY_NAME, required: true });
  check.string(params.PolicyDocument, 'policyDocument', { ...POLICY_DOCUMENT, required: true });
  check.throwIfFailed(iamError.validation);

  const role = findRole(state, params.RoleName);
  checkPolicyDocument(params.PolicyDocument, 'identity');
  const key = params.PolicyName.toLowerCase();
  // The quota is on the sum of all inline policies of the role.
  let total = policySize(params.PolicyDocument);
  for (const [name, policy] of role.inlinePolicies) if (name !== key) total += policySize(policy.PolicyDocument);
  if (total > INLINE_ROLE_POLICIES_QUOTA) {
    throw iamError.limitExceeded(`Maximum policy size of ${INLINE_ROLE_POLICIES_QUOTA} bytes exceeded for role ${role.RoleName}`);
  }
  role.inlinePolicies.set(key, { PolicyName: params.PolicyName, PolicyDocument: params.PolicyDocument });
  return undefined;
}
