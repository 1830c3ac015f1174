import { iamError } from '../errors.mjs';
import { ConstraintCheck } from '../validate.mjs';
import { ARN, ROLE_NAME, findRole } from './roles.mjs';

/**
 * Managed policies themselves are not emulated: any policy ARN can be attached, and is listed by its last path part.
 * @type {import('./index.mjs').IamOperation}
 */
export async function attachRolePolicy(params, { state }) {
  const check = new ConstraintCheck();
  check.string(params.RoleName, 'roleName', { ...ROLE_NAME, required: true });
  check.string(params.PolicyArn, 'policyArn', { ...ARN, required: true });
  check.throwIfFailed(iamError.validation);

  const role = findRole(state, params.RoleName);
  if (!/^arn:aws[\w-]*:iam::(aws|\d{12}):policy\/(?:[\x21-\x7E]*\/)?[\w+=,.@-]+$/.test(params.PolicyArn)) {
    throw iamError.invalidInput(`ARN ${params.PolicyArn} is not valid.`);
  }
  role.attachedPolicies.set(params.PolicyArn, { PolicyName: params.PolicyArn.slice(params.PolicyArn.lastIndexOf('/') + 1), PolicyArn: params.PolicyArn });
  return undefined;
}
