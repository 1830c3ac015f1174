import { iamError } from '../errors.mjs';
import { ConstraintCheck } from '../validate.mjs';
import { checkPolicyDocument, policySize } from './policy.mjs';
import { POLICY_DOCUMENT, ROLE_NAME, TRUST_POLICY_QUOTA, findRole } from './roles.mjs';

/** @type {import('./index.mjs').IamOperation} */
export async function updateAssumeRolePolicy(params, { state }) {
  const check = new ConstraintCheck();
  check.string(params.RoleName, 'roleName', { ...ROLE_NAME, required: true });
  check.string(params.PolicyDocument, 'policyDocument', { ...POLICY_DOCUMENT, required: true });
  check.throwIfFailed(iamError.validation);

  const role = findRole(state, params.RoleName);
  checkPolicyDocument(params.PolicyDocument, 'trust');
  if (policySize(params.PolicyDocument) > TRUST_POLICY_QUOTA) {
    throw iamError.limitExceeded(`Cannot exceed quota for ACLSizePerRole: ${TRUST_POLICY_QUOTA}`);
  }
  role.AssumeRolePolicyDocument = params.PolicyDocument;
  // The old trust policy may still apply for a while: IAM is eventually consistent (iam/propagation.mjs).
  role.trustChangedAt = Date.now();
  return undefined;
}
