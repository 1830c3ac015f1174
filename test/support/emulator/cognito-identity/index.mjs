// Cognito Federated Identities over awsJson1_1: the operation table, and the wire format
// around each operation.
import { ServiceError, cognitoIdentityError } from '../errors.mjs';
import { newRequestId } from '../ids.mjs';
import { createIdentityPool } from './createIdentityPool.mjs';
import { deleteIdentityPool } from './deleteIdentityPool.mjs';
import { describeIdentityPool } from './describeIdentityPool.mjs';
import { getCredentialsForIdentity } from './getCredentialsForIdentity.mjs';
import { getId } from './getId.mjs';
import { getIdentityPoolRoles } from './getIdentityPoolRoles.mjs';
import { listIdentityPools } from './listIdentityPools.mjs';
import { listTagsForResource } from './listTagsForResource.mjs';
import { isPlainObject } from './pools.mjs';
import { setIdentityPoolRoles } from './setIdentityPoolRoles.mjs';
import { tagResource } from './tagResource.mjs';
import { untagResource } from './untagResource.mjs';
import { updateIdentityPool } from './updateIdentityPool.mjs';

/**
 * @typedef {{ region: string, accountId: string }} RequestContext
 * @typedef {{ state: import('../state.mjs').EmulatorState, ctx: RequestContext, logins: import('./login-tokens.mjs').LoginProviders }} OperationEnv
 *   logins: where user pools' token issuers and keys are (GetId, GetCredentialsForIdentity)
 * @typedef {(body: Record<string, any>, env: OperationEnv) => Promise<Record<string, unknown> | undefined>} CognitoIdentityOperation
 *   Answers the output structure, or `undefined` for operations whose response has no body.
 * @typedef {{ status: number, headers: Record<string, string>, body: string }} EmulatorResponse
 */

export const TARGET_PREFIX = 'AWSCognitoIdentityService.';

/** @type {Record<string, CognitoIdentityOperation>} */
export const cognitoIdentityOperations = {
  CreateIdentityPool: createIdentityPool,
  DescribeIdentityPool: describeIdentityPool,
  UpdateIdentityPool: updateIdentityPool,
  DeleteIdentityPool: deleteIdentityPool,
  ListIdentityPools: listIdentityPools,
  GetId: getId,
  GetCredentialsForIdentity: getCredentialsForIdentity,
  SetIdentityPoolRoles: setIdentityPoolRoles,
  GetIdentityPoolRoles: getIdentityPoolRoles,
  ListTagsForResource: listTagsForResource,
  TagResource: tagResource,
  UntagResource: untagResource,
};

/**
 * @param {import('../state.mjs').EmulatorState} state
 * @param {string} operationName  without the target prefix (a prefixed name is accepted too)
 * @param {unknown} body          the parsed JSON request
 * @param {RequestContext} ctx
 * @param {import('./login-tokens.mjs').LoginProviders} logins
 * @returns {Promise<EmulatorResponse>}
 */
export async function handleCognitoIdentityRequest(state, operationName, body, ctx, logins) {
  const requestId = newRequestId();
  const headers = { 'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': requestId };
  try {
    const name = operationName.startsWith(TARGET_PREFIX) ? operationName.slice(TARGET_PREFIX.length) : operationName;
    const operation = Object.hasOwn(cognitoIdentityOperations, name) ? cognitoIdentityOperations[name] : undefined;
    if (!operation) throw cognitoIdentityError.unknownOperation(`Unknown operation ${operationName}`);
    const input = body ?? {};
    if (!isPlainObject(input)) throw cognitoIdentityError.serialization('The request body must be a JSON object.');
    const output = await operation(input, { state, ctx, logins });
    return { status: 200, headers, body: output === undefined ? '' : JSON.stringify(output) };
  } catch (error) {
    const failure = error instanceof ServiceError ? error : cognitoIdentityError.internal(`Emulator fault: ${describe(error)}`);
    return {
      status: failure.status,
      headers: { ...headers, 'x-amzn-ErrorType': failure.code },
      body: JSON.stringify({ __type: failure.code, message: failure.message }),
    };
  }
}

/** @param {unknown} error */
function describe(error) {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
