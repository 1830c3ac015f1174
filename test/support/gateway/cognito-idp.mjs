// cognito-idp: everything goes to cognito-local, except the operations the gateway answers more like real Cognito.
// One operation, one file under ./cognito-idp/, wired by the table below; the groups and password-policy checks
// are small tables of their own.
import { randomUUID } from 'node:crypto';
import { createAccessTokens } from './access-tokens.mjs';
import { adminDeleteUser } from './cognito-idp/adminDeleteUser.mjs';
import { adminGetUser } from './cognito-idp/adminGetUser.mjs';
import { adminInitiateAuth } from './cognito-idp/adminInitiateAuth.mjs';
import { adminRespondToAuthChallenge } from './cognito-idp/adminRespondToAuthChallenge.mjs';
import { adminSetUserMFAPreference } from './cognito-idp/adminSetUserMFAPreference.mjs';
import { associateSoftwareToken } from './cognito-idp/associateSoftwareToken.mjs';
import { createUserPool } from './cognito-idp/createUserPool.mjs';
import { createUserPoolClient } from './cognito-idp/createUserPoolClient.mjs';
import { createUserPoolDomain } from './cognito-idp/createUserPoolDomain.mjs';
import { deleteUserPool } from './cognito-idp/deleteUserPool.mjs';
import { deleteUserPoolDomain } from './cognito-idp/deleteUserPoolDomain.mjs';
import { deleteUserPoolClient } from './cognito-idp/deleteUserPoolClient.mjs';
import { describeRiskConfiguration } from './cognito-idp/describeRiskConfiguration.mjs';
import { describeUserPool } from './cognito-idp/describeUserPool.mjs';
import { describeUserPoolClient } from './cognito-idp/describeUserPoolClient.mjs';
import { getUser } from './cognito-idp/getUser.mjs';
import { getUserPoolMfaConfig } from './cognito-idp/getUserPoolMfaConfig.mjs';
import { initiateAuth } from './cognito-idp/initiateAuth.mjs';
import { listUserPoolClients } from './cognito-idp/listUserPoolClients.mjs';
import { listUserPools } from './cognito-idp/listUserPools.mjs';
import { listUsers } from './cognito-idp/listUsers.mjs';
import { respondToAuthChallenge } from './cognito-idp/respondToAuthChallenge.mjs';
import { setRiskConfiguration } from './cognito-idp/setRiskConfiguration.mjs';
import { setUserMFAPreference } from './cognito-idp/setUserMFAPreference.mjs';
import { setUserPoolMfaConfig } from './cognito-idp/setUserPoolMfaConfig.mjs';
import { signUp } from './cognito-idp/signUp.mjs';
import { updateUserPool } from './cognito-idp/updateUserPool.mjs';
import { updateUserPoolClient } from './cognito-idp/updateUserPoolClient.mjs';
import { verifySoftwareToken } from './cognito-idp/verifySoftwareToken.mjs';
import { createGatewayState } from './gateway-state.mjs';
import { createGroupChecks } from './groups.mjs';
import { createMfaSignIn } from './mfa-sign-in.mjs';
import { createNewPasswordAnswer } from './new-password-challenge.mjs';
import { createPasswordPolicyChecks } from './password-policy.mjs';
import { createPasswordSignIn } from './password-sign-in.mjs';
import { createSrpSignIn } from './srp-sign-in.mjs';
import { AwsError } from './wire-errors.mjs';

/**
 * @typedef {import('./wire-errors.mjs').WireResponse} WireResponse
 * @typedef {import('./sign-in-rules.mjs').CognitoLocal} CognitoLocal
 * @typedef {import('./sign-in-rules.mjs').Store} Store
 *
 * @typedef {object} IdpDeps  what every operation of ./cognito-idp/ may use
 * @property {CognitoLocal} cognitoLocal
 * @property {Store} store   cognito-local's files, with app clients as the gateway knows them
 * @property {import('./gateway-state.mjs').GatewayState} state
 * @property {import('./access-tokens.mjs').AccessTokens} tokens
 * @property {{
 *   srp: ReturnType<typeof createSrpSignIn>,
 *   withPassword: ReturnType<typeof createPasswordSignIn>,
 *   newPassword: ReturnType<typeof createNewPasswordAnswer>,
 *   mfa: import('./mfa-sign-in.mjs').MfaSignIn,
 * }} signIn
 *
 * @typedef {(input: Record<string, any>, deps: IdpDeps, poolId?: string) => Promise<Record<string, any>>} IdpOperation
 */

/** @type {Record<string, IdpOperation>} */
const OPERATIONS = {
  CreateUserPool: createUserPool,
  UpdateUserPool: updateUserPool,
  DescribeUserPool: describeUserPool,
  DeleteUserPool: deleteUserPool,
  CreateUserPoolDomain: createUserPoolDomain,
  DeleteUserPoolDomain: deleteUserPoolDomain,
  ListUserPools: listUserPools,
  CreateUserPoolClient: createUserPoolClient,
  UpdateUserPoolClient: updateUserPoolClient,
  DescribeUserPoolClient: describeUserPoolClient,
  DeleteUserPoolClient: deleteUserPoolClient,
  ListUserPoolClients: listUserPoolClients,
  ListUsers: listUsers,
  SignUp: signUp,
  InitiateAuth: initiateAuth,
  AdminInitiateAuth: adminInitiateAuth,
  RespondToAuthChallenge: respondToAuthChallenge,
  AdminRespondToAuthChallenge: adminRespondToAuthChallenge,
  SetUserPoolMfaConfig: setUserPoolMfaConfig,
  GetUserPoolMfaConfig: getUserPoolMfaConfig,
  AssociateSoftwareToken: associateSoftwareToken,
  VerifySoftwareToken: verifySoftwareToken,
  SetUserMFAPreference: setUserMFAPreference,
  AdminSetUserMFAPreference: adminSetUserMFAPreference,
  AdminGetUser: adminGetUser,
  GetUser: getUser,
  AdminDeleteUser: adminDeleteUser,
  SetRiskConfiguration: setRiskConfiguration,
  DescribeRiskConfiguration: describeRiskConfiguration,
};

/**
 * @param {{ cognitoLocal: CognitoLocal, store: Store, state?: import('./gateway-state.mjs').GatewayState }} deps
 * @returns {((operation: string, input: Record<string, any>) => Promise<WireResponse>) & { state: import('./gateway-state.mjs').GatewayState }}
 */
export function createCognitoIdpHandler({ cognitoLocal, store: files, state = createGatewayState() }) {
  // Sign-in rules read app clients as the gateway keeps them (UpdateUserPoolClient resets what cognito-local keeps).
  /** @type {Store} */
  const store = { ...files, appClient: async (clientId) => /** @type {any} */ (state.clients.get(clientId)) ?? files.appClient(clientId) };
  const mfa = createMfaSignIn({ cognitoLocal, store, state });
  /** @type {IdpDeps} */
  const deps = {
    cognitoLocal,
    store,
    state,
    tokens: createAccessTokens(cognitoLocal),
    signIn: {
      srp: createSrpSignIn({ store, completeSignIn: mfa.completeSignIn }),
      withPassword: createPasswordSignIn({ store, completeSignIn: mfa.completeSignIn }),
      newPassword: createNewPasswordAnswer({ cognitoLocal, store, completeSignIn: mfa.completeSignIn }),
      mfa,
    },
  };
  /** @type {Record<string, (input: Record<string, any>) => Promise<object>>} */
  const checks = { ...createGroupChecks({ cognitoLocal, store }), ...createPasswordPolicyChecks({ cognitoLocal, store }) };

  const handle = async (/** @type {string} */ operation, /** @type {Record<string, any>} */ input) => {
    const own = OPERATIONS[operation];
    const check = checks[operation];
    if (!own && !check) return forwardOrExplainCrash(cognitoLocal, operation, input);
    const output = own ? await own(input, deps) : await check(input);
    return {
      status: 200,
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID() },
      body: JSON.stringify(output),
    };
  };
  return Object.assign(handle, { state });
}

/**
 * cognito-local answers an unexpected exception with HTTP 500 and `{}`, which the SDK can only call UnknownError.
 * @param {CognitoLocal} cognitoLocal @param {string} operation @param {object} input
 */
async function forwardOrExplainCrash(cognitoLocal, operation, input) {
  const response = await cognitoLocal.forward(operation, input);
  if (response.status < 500 || response.body.includes('"__type"')) return response;
  throw new AwsError('InternalErrorException', `cognito-local failed on ${operation} (see cognito-local.log in the stack's dataDir)`, 500);
}
