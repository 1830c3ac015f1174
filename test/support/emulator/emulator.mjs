// The emulator object the gateway holds: one state, two protocol handlers.
import { handleCognitoIdentityRequest } from './cognito-identity/index.mjs';
import { handleIamRequest } from './iam/index.mjs';
import { createState } from './state.mjs';

/**
 * @typedef {{ region: string, accountId: string }} RequestContext
 * @typedef {{ status: number, headers: Record<string, string>, body: string }} EmulatorResponse
 *
 * @typedef {object} IdentityAndIamEmulator
 * @property {(operation: string, body: unknown, ctx: RequestContext) => Promise<EmulatorResponse>} handleCognitoIdentity
 *   awsJson1_1: `operation` is the target without `AWSCognitoIdentityService.`, `body` the parsed JSON.
 * @property {(action: string, params: Record<string, string>, ctx: RequestContext) => Promise<EmulatorResponse>} handleIam
 *   awsQuery: `params` is the decoded form body (Action, Version, flattened members).
 * @property {import('./state.mjs').EmulatorState} state
 */

/**
 * @param {{ state?: import('./state.mjs').EmulatorState }} [options]  pass `state` to share or seed it
 * @returns {IdentityAndIamEmulator}
 */
export function createIdentityAndIamEmulator(options = {}) {
  const state = options.state ?? createState();
  return {
    handleCognitoIdentity: (operation, body, ctx) => handleCognitoIdentityRequest(state, operation, body, ctx),
    handleIam: (action, params, ctx) => handleIamRequest(state, action, params, ctx),
    state,
  };
}
