// The emulator object the gateway holds: one state, two protocol handlers.
import { handleCognitoIdentityRequest } from './cognito-identity/index.mjs';
import { AWS_LOGIN_PROVIDERS } from './cognito-identity/login-tokens.mjs';
import { handleIamRequest } from './iam/index.mjs';
import { handleStsRequest } from './sts/index.mjs';
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
 * @property {(action: string, params: Record<string, string>, ctx: RequestContext) => Promise<EmulatorResponse>} handleSts
 *   STS, awsQuery too (GetCallerIdentity).
 * @property {import('./state.mjs').EmulatorState} state
 */

/**
 * @param {{
 *   state?: import('./state.mjs').EmulatorState,
 *   settings?: Partial<import('./state.mjs').Settings>,
 *   loginProviders?: import('./cognito-identity/login-tokens.mjs').LoginProviders,
 * }} [options]
 *   state: to share or seed it; settings: for a new state (IAM propagation); loginProviders: where user pools'
 *   token issuers and keys are, AWS's by default
 * @returns {IdentityAndIamEmulator}
 */
export function createIdentityAndIamEmulator(options = {}) {
  const state = options.state ?? createState(options.settings);
  const logins = options.loginProviders ?? AWS_LOGIN_PROVIDERS;
  return {
    handleCognitoIdentity: (operation, body, ctx) => handleCognitoIdentityRequest(state, operation, body, ctx, logins),
    handleIam: (action, params, ctx) => handleIamRequest(state, action, params, ctx),
    handleSts: (action, params, ctx) => handleStsRequest(state, action, params, ctx),
    state,
  };
}
