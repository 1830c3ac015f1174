// STS over awsQuery: the action table (only what the CLI calls: GetCallerIdentity), and the wire format.
import { ServiceError } from '../errors.mjs';
import { newRequestId } from '../ids.mjs';
import { queryErrorResponse, queryResponse } from '../xml.mjs';
import { getCallerIdentity } from './getCallerIdentity.mjs';

/**
 * @typedef {{ region: string, accountId: string, accessKeyId?: string }} RequestContext
 * @typedef {{ state: import('../state.mjs').EmulatorState, ctx: RequestContext }} OperationEnv
 * @typedef {(params: Record<string, string>, env: OperationEnv) => Promise<Record<string, unknown> | undefined>} StsOperation
 * @typedef {{ status: number, headers: Record<string, string>, body: string }} EmulatorResponse
 */

export const STS_API_VERSION = '2011-06-15';
export const STS_XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** @type {Record<string, StsOperation>} */
export const stsOperations = {
  GetCallerIdentity: getCallerIdentity,
};

/**
 * @param {import('../state.mjs').EmulatorState} state
 * @param {string} action
 * @param {Record<string, string>} params  the decoded form body
 * @param {RequestContext} ctx
 * @returns {Promise<EmulatorResponse>}
 */
export async function handleStsRequest(state, action, params, ctx) {
  const requestId = newRequestId();
  const headers = { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId };
  try {
    const version = params?.Version;
    const operation = Object.hasOwn(stsOperations, action) ? stsOperations[action] : undefined;
    if (!operation || (version !== undefined && version !== STS_API_VERSION)) {
      throw new ServiceError('InvalidAction', `Could not find operation ${action} for version ${version ?? STS_API_VERSION}`, 400);
    }
    const result = await operation(params ?? {}, { state, ctx });
    return { status: 200, headers, body: queryResponse(action, result, requestId, STS_XMLNS) };
  } catch (error) {
    const failure = error instanceof ServiceError ? error : new ServiceError('InternalFailure', `Emulator fault: ${String(error)}`, 500);
    return { status: failure.status, headers, body: queryErrorResponse(failure, requestId, STS_XMLNS) };
  }
}
