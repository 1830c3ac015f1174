// What real Cognito checks before it signs anyone in, and the errors it answers with.
// cognito-local skips most of these, so the gateway applies them itself.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AwsError } from './wire-errors.mjs';

/** @typedef {import('./cognito-local-store.mjs').StoredAppClient} StoredAppClient */
/** @typedef {import('./cognito-local-store.mjs').StoredUser} StoredUser */
/** @typedef {ReturnType<typeof import('./cognito-local-store.mjs').createCognitoLocalStore>} Store */
/** @typedef {ReturnType<typeof import('./cognito-local-client.mjs').createCognitoLocalClient>} CognitoLocal */
/** Finishes a sign-in whose password is proven: an MFA challenge (mfa-sign-in.mjs) or tokens. @typedef {(client: StoredAppClient, user: StoredUser) => Promise<Record<string, any>>} CompleteSignIn */

export const incorrectCredentials = () => new AwsError('NotAuthorizedException', 'Incorrect username or password.');
export const userDisabled = () => new AwsError('NotAuthorizedException', 'User is disabled.');
export const missingParameter = (/** @type {string} */ name) => new AwsError('InvalidParameterException', `Missing required parameter ${name}`);

/** Cognito only says a user does not exist when the client does not hide user existence. @param {StoredAppClient} client */
export function userNotFound(client) {
  return client.PreventUserExistenceErrors === 'ENABLED'
    ? incorrectCredentials()
    : new AwsError('UserNotFoundException', 'User does not exist.');
}

/** @param {Store} store @param {string | undefined} clientId @param {string} [poolId] the pool an admin call names */
export async function requireAppClient(store, clientId, poolId) {
  if (!clientId) throw missingParameter('ClientId');
  const client = await store.appClient(clientId);
  if (!client || (poolId && client.UserPoolId !== poolId)) {
    throw new AwsError('ResourceNotFoundException', `User pool client ${clientId} does not exist.`);
  }
  return client;
}

/** The ExplicitAuthFlows values that let each AuthFlow through (new ALLOW_* names and the legacy ones). */
const FLOW_PERMISSIONS = {
  USER_SRP_AUTH: ['ALLOW_USER_SRP_AUTH'],
  USER_PASSWORD_AUTH: ['ALLOW_USER_PASSWORD_AUTH', 'USER_PASSWORD_AUTH'],
  ADMIN_USER_PASSWORD_AUTH: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH'],
  ADMIN_NO_SRP_AUTH: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH'],
  REFRESH_TOKEN_AUTH: ['ALLOW_REFRESH_TOKEN_AUTH'],
  REFRESH_TOKEN: ['ALLOW_REFRESH_TOKEN_AUTH'],
  CUSTOM_AUTH: ['ALLOW_CUSTOM_AUTH', 'CUSTOM_AUTH_FLOW_ONLY'],
  USER_AUTH: ['ALLOW_USER_AUTH'],
};

/** The AuthFlow values of each operation; InitiateAuth takes no ADMIN_ flow, AdminInitiateAuth no USER_PASSWORD_AUTH. */
const FLOWS_OF = {
  InitiateAuth: ['USER_SRP_AUTH', 'REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN', 'CUSTOM_AUTH', 'USER_PASSWORD_AUTH', 'USER_AUTH'],
  AdminInitiateAuth: ['USER_SRP_AUTH', 'REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN', 'CUSTOM_AUTH', 'ADMIN_NO_SRP_AUTH', 'ADMIN_USER_PASSWORD_AUTH', 'USER_AUTH'],
};
const ALL_FLOWS = [...new Set([...FLOWS_OF.InitiateAuth, ...FLOWS_OF.AdminInitiateAuth])];

/**
 * An AuthFlow the API does not know is a model violation; one the operation does not take, Cognito's
 * "Initiate Auth method not supported."
 * @param {'InitiateAuth' | 'AdminInitiateAuth'} operation @param {unknown} flow
 * @returns {keyof typeof FLOW_PERMISSIONS}
 */
export function requireKnownFlow(operation, flow) {
  if (!ALL_FLOWS.includes(/** @type {string} */ (flow))) {
    throw new AwsError(
      'InvalidParameterException',
      `1 validation error detected: Value '${flow}' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: [${ALL_FLOWS.join(', ')}]`,
    );
  }
  if (!FLOWS_OF[operation].includes(/** @type {string} */ (flow))) throw new AwsError('InvalidParameterException', 'Initiate Auth method not supported.');
  return /** @type {keyof typeof FLOW_PERMISSIONS} */ (flow);
}

/** A client with no ExplicitAuthFlows gets Cognito's default set. */
const DEFAULT_FLOWS = ['ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];

/** @param {StoredAppClient} client @param {keyof typeof FLOW_PERMISSIONS} flow */
export function requireFlowEnabled(client, flow) {
  const configured = client.ExplicitAuthFlows?.length ? client.ExplicitAuthFlows : DEFAULT_FLOWS;
  // Clients configured only with the legacy names always allowed SRP and refresh.
  const legacyOnly = !configured.some((f) => f.startsWith('ALLOW_'));
  if (legacyOnly && ['USER_SRP_AUTH', 'REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN'].includes(flow)) return;
  if (FLOW_PERMISSIONS[flow].some((f) => configured.includes(f))) return;
  const message = flow.startsWith('ADMIN_') ? 'Auth flow not enabled for this client' : `${flow} flow not enabled for this client`;
  throw new AwsError('InvalidParameterException', message);
}

/**
 * A client with a secret must prove it: SECRET_HASH = Base64(HMAC-SHA256(secret, username + clientId)).
 * @param {StoredAppClient} client @param {string} username @param {string | undefined} secretHash
 */
export function requireSecretHash(client, username, secretHash) {
  if (!client.ClientSecret) return;
  if (!secretHash) {
    throw new AwsError('NotAuthorizedException', `Client ${client.ClientId} is configured for secret but secret was not received`);
  }
  const expected = createHmac('sha256', client.ClientSecret).update(`${username}${client.ClientId}`).digest();
  const received = Buffer.from(secretHash, 'base64');
  if (expected.length !== received.length || !timingSafeEqual(expected, received)) {
    throw new AwsError('NotAuthorizedException', `Unable to verify secret hash for client ${client.ClientId}`);
  }
}

/**
 * Once the password (and any MFA) is proven, lets cognito-local finish the sign-in with the stored password: it
 * issues the tokens, or NEW_PASSWORD_REQUIRED for a temporary password, or refuses an unconfirmed user.
 * @param {CognitoLocal} cognitoLocal @param {StoredAppClient} client @param {StoredUser} user
 */
export async function issueTokens(cognitoLocal, client, user) {
  if (user.Enabled === false) throw userDisabled();
  const output = await cognitoLocal.call('InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: client.ClientId,
    AuthParameters: { USERNAME: user.Username, PASSWORD: user.Password },
  });
  return withTokenDetails(output);
}

/**
 * Adds what real Cognito always sends with tokens and cognito-local leaves out: TokenType and ExpiresIn.
 * @param {Record<string, any>} output an InitiateAuth / RespondToAuthChallenge answer
 */
export function withTokenDetails(output) {
  const result = output.AuthenticationResult;
  if (!result?.AccessToken) return output;
  const claims = JSON.parse(Buffer.from(result.AccessToken.split('.')[1] ?? '', 'base64url').toString('utf8') || '{}');
  const expiresIn = Number.isFinite(claims.exp - claims.iat) ? claims.exp - claims.iat : 3600;
  return { ...output, AuthenticationResult: { ...result, TokenType: 'Bearer', ExpiresIn: expiresIn } };
}
