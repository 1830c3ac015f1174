// IAM over awsQuery: the action table, and the wire format around each operation.
import { ServiceError, iamError } from '../errors.mjs';
import { newRequestId } from '../ids.mjs';
import { queryErrorResponse, queryResponse } from '../xml.mjs';
import { attachRolePolicy } from './attachRolePolicy.mjs';
import { createRole } from './createRole.mjs';
import { deleteRole } from './deleteRole.mjs';
import { deleteRolePolicy } from './deleteRolePolicy.mjs';
import { detachRolePolicy } from './detachRolePolicy.mjs';
import { getRole } from './getRole.mjs';
import { getRolePolicy } from './getRolePolicy.mjs';
import { listAttachedRolePolicies } from './listAttachedRolePolicies.mjs';
import { listRolePolicies } from './listRolePolicies.mjs';
import { listRoleTags } from './listRoleTags.mjs';
import { listRoles } from './listRoles.mjs';
import { putRolePolicy } from './putRolePolicy.mjs';
import { tagRole } from './tagRole.mjs';
import { untagRole } from './untagRole.mjs';
import { updateAssumeRolePolicy } from './updateAssumeRolePolicy.mjs';

/**
 * @typedef {{ region: string, accountId: string }} RequestContext
 * @typedef {{ state: import('../state.mjs').EmulatorState, ctx: RequestContext }} OperationEnv
 * @typedef {(params: Record<string, string>, env: OperationEnv) => Promise<Record<string, unknown> | undefined>} IamOperation
 *   Answers the content of `<ActionResult>`, or `undefined` for actions without output.
 * @typedef {{ status: number, headers: Record<string, string>, body: string }} EmulatorResponse
 */

export const API_VERSION = '2010-05-08';

/** @type {Record<string, IamOperation>} */
export const iamOperations = {
  CreateRole: createRole,
  GetRole: getRole,
  UpdateAssumeRolePolicy: updateAssumeRolePolicy,
  DeleteRole: deleteRole,
  PutRolePolicy: putRolePolicy,
  GetRolePolicy: getRolePolicy,
  DeleteRolePolicy: deleteRolePolicy,
  ListRolePolicies: listRolePolicies,
  ListRoleTags: listRoleTags,
  TagRole: tagRole,
  UntagRole: untagRole,
  AttachRolePolicy: attachRolePolicy,
  DetachRolePolicy: detachRolePolicy,
  ListAttachedRolePolicies: listAttachedRolePolicies,
  ListRoles: listRoles,
};

/**
 * @param {import('../state.mjs').EmulatorState} state
 * @param {string} action
 * @param {Record<string, string>} params  the decoded form body
 * @param {RequestContext} ctx
 * @returns {Promise<EmulatorResponse>}
 */
export async function handleIamRequest(state, action, params, ctx) {
  const requestId = newRequestId();
  const headers = { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId };
  try {
    const version = params?.Version;
    const operation = Object.hasOwn(iamOperations, action) ? iamOperations[action] : undefined;
    if (!operation || (version !== undefined && version !== API_VERSION)) {
      throw iamError.invalidAction(`Could not find operation ${action} for version ${version ?? API_VERSION}`);
    }
    const result = await operation(params ?? {}, { state, ctx });
    return { status: 200, headers, body: queryResponse(action, result, requestId) };
  } catch (error) {
    const failure = error instanceof ServiceError ? error : iamError.serviceFailure(`Emulator fault: ${describe(error)}`);
    return { status: failure.status, headers, body: queryErrorResponse(failure, requestId) };
  }
}

/** @param {unknown} error */
function describe(error) {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
