import { iamError } from '../errors.mjs';
import { newRoleId } from '../ids.mjs';
import { ConstraintCheck } from '../validate.mjs';
import { integerParam } from './params.mjs';
import { checkPolicyDocument, policySize } from './policy.mjs';
import {
  ARN, MAX_SESSION_DURATION, PATH, POLICY_DOCUMENT, ROLE_DESCRIPTION, ROLE_NAME, TRUST_POLICY_QUOTA,
  readTags, rejectDuplicateTagKeys, roleOutput,
} from './roles.mjs';

/** @type {import('./index.mjs').IamOperation} */
export async function createRole(params, { state, ctx }) {
  const check = new ConstraintCheck();
  check.string(params.RoleName, 'roleName', { ...ROLE_NAME, required: true });
  check.string(params.Path, 'path', PATH);
  check.string(params.AssumeRolePolicyDocument, 'assumeRolePolicyDocument', { ...POLICY_DOCUMENT, required: true });
  check.string(params.Description, 'description', ROLE_DESCRIPTION);
  const maxSessionDuration = integerParam(params, 'MaxSessionDuration');
  if (Number.isNaN(maxSessionDuration)) check.fail('maxSessionDuration', params.MaxSessionDuration, 'Member must be an integer');
  else check.number(maxSessionDuration, 'maxSessionDuration', MAX_SESSION_DURATION);
  check.string(params.PermissionsBoundary, 'permissionsBoundary', ARN);
  const tags = readTags(params, check, false) ?? [];
  check.throwIfFailed(iamError.validation);

  rejectDuplicateTagKeys(tags);
  if (params.PermissionsBoundary !== undefined && !/^arn:aws[\w-]*:iam::(\d{12}|aws):policy\/.+$/.test(params.PermissionsBoundary)) {
    throw iamError.invalidInput(`ARN ${params.PermissionsBoundary} is not valid.`);
  }
  checkPolicyDocument(params.AssumeRolePolicyDocument, 'trust');
  if (policySize(params.AssumeRolePolicyDocument) > TRUST_POLICY_QUOTA) {
    throw iamError.limitExceeded(`Cannot exceed quota for ACLSizePerRole: ${TRUST_POLICY_QUOTA}`);
  }
  const key = params.RoleName.toLowerCase();
  if (state.iam.roles.has(key)) {
    throw iamError.entityAlreadyExists(`Role with name ${params.RoleName} already exists.`);
  }

  const path = params.Path ?? '/';
  /** @type {import('../state.mjs').Role} */
  const role = {
    RoleName: params.RoleName,
    RoleId: newRoleId(),
    Arn: `arn:aws:iam::${ctx.accountId}:role${path}${params.RoleName}`,
    Path: path,
    CreateDate: new Date(),
    AssumeRolePolicyDocument: params.AssumeRolePolicyDocument,
    Description: params.Description,
    MaxSessionDuration: maxSessionDuration ?? MAX_SESSION_DURATION.min,
    PermissionsBoundary: params.PermissionsBoundary,
    tags,
    inlinePolicies: new Map(),
    attachedPolicies: new Map(),
    trustChangedAt: Date.now(),
  };
  state.iam.roles.set(key, role);
  return { Role: roleOutput(role, 'create') };
}
