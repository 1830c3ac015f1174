// App clients as Cognito answers for them. CreateUserPoolClient fills in Cognito's defaults; UpdateUserPoolClient
// resets what it is not given (API reference: "If you don't provide a value for an attribute, Amazon Cognito sets it
// to its default value"); cognito-local instead keeps whatever it had, so the gateway keeps the client's AWS view.

/**
 * Defaults from the API reference (CreateUserPoolClient / UpdateUserPoolClient):
 * - PreventUserExistenceErrors: "Defaults to LEGACY" (both operations);
 * - EnableTokenRevocation: on create, "If you don't include this parameter, token revocation is automatically
 *   activated for the new user pool client"; on update no default is given, so, as for every other setting left out
 *   of an update, it goes back to the type's default: off;
 * - token validity: refresh 30 days, access and ID 60 minutes; AuthSessionValidity 3 minutes.
 */
const VALIDITY_DEFAULTS = { RefreshTokenValidity: 30, AccessTokenValidity: 60, IdTokenValidity: 60 };
const UNIT_DEFAULTS = { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' };

/** Settings an update may leave out without changing them: fixed at creation, or the name. */
const KEPT_ON_UPDATE = ['ClientId', 'ClientSecret', 'UserPoolId', 'CreationDate', 'ClientName'];

/** Settings that are absent until set (DescribeUserPoolClient leaves them out). */
const OPTIONAL_SETTINGS = [
  'ReadAttributes',
  'WriteAttributes',
  'ExplicitAuthFlows',
  'SupportedIdentityProviders',
  'CallbackURLs',
  'LogoutURLs',
  'DefaultRedirectURI',
  'AllowedOAuthFlows',
  'AllowedOAuthScopes',
  'AnalyticsConfiguration',
  'RefreshTokenRotation',
];

/**
 * The settings a request stands for, every one that it leaves out at its default.
 * @param {Record<string, any>} input @param {'create' | 'update'} operation
 */
export function clientSettingsFrom(input, operation) {
  /** @type {Record<string, any>} */
  const settings = {
    RefreshTokenValidity: input.RefreshTokenValidity || VALIDITY_DEFAULTS.RefreshTokenValidity, // 0 means the default, the reference says
    AccessTokenValidity: input.AccessTokenValidity ?? VALIDITY_DEFAULTS.AccessTokenValidity,
    IdTokenValidity: input.IdTokenValidity ?? VALIDITY_DEFAULTS.IdTokenValidity,
    TokenValidityUnits: { ...UNIT_DEFAULTS, ...(input.TokenValidityUnits ?? {}) },
    AllowedOAuthFlowsUserPoolClient: input.AllowedOAuthFlowsUserPoolClient ?? false,
    PreventUserExistenceErrors: input.PreventUserExistenceErrors ?? 'LEGACY',
    EnableTokenRevocation: input.EnableTokenRevocation ?? operation === 'create',
    EnablePropagateAdditionalUserContextData: input.EnablePropagateAdditionalUserContextData ?? false,
    AuthSessionValidity: input.AuthSessionValidity ?? 3,
  };
  for (const key of OPTIONAL_SETTINGS) if (input[key] !== undefined) settings[key] = input[key];
  return settings;
}

/**
 * The client after an update: what is fixed at creation kept, the rest as the request says or back at the default.
 * @param {Record<string, any>} current the client's AWS view @param {Record<string, any>} input UpdateUserPoolClient
 * @returns {Record<string, any>}
 */
export function clientAfterUpdate(current, input) {
  /** @type {Record<string, any>} */
  const kept = {};
  for (const key of KEPT_ON_UPDATE) if (current[key] !== undefined) kept[key] = current[key];
  if (input.ClientName !== undefined) kept.ClientName = input.ClientName;
  return { ...kept, ...clientSettingsFrom(input, 'update'), LastModifiedDate: Date.now() / 1000 };
}

/**
 * The request for cognito-local, which keeps any setting it is not given: every setting it acts on written out
 * (absent lists as empty ones), so its copy of the client behaves like the AWS view.
 * @param {Record<string, any>} settings
 */
export function cognitoLocalClientInput(settings) {
  /** @type {Record<string, any>} */
  const input = { ...settings };
  for (const key of OPTIONAL_SETTINGS) if (input[key] === undefined && key !== 'AnalyticsConfiguration' && key !== 'DefaultRedirectURI' && key !== 'RefreshTokenRotation') input[key] = [];
  delete input.EnablePropagateAdditionalUserContextData;
  delete input.AuthSessionValidity;
  delete input.RefreshTokenRotation;
  delete input.LastModifiedDate;
  delete input.CreationDate;
  return input;
}

/**
 * The AWS view of a client cognito-local has just created: its ids and dates (epoch seconds, as on the wire) with
 * the settings the request stands for.
 * @param {Record<string, any>} created cognito-local's UserPoolClient @param {Record<string, any>} settings
 */
export function clientView(created, settings) {
  const { ClientId, ClientSecret, UserPoolId, CreationDate, LastModifiedDate, ClientName } = created;
  return { UserPoolId, ClientName, ClientId, ...(ClientSecret ? { ClientSecret } : {}), CreationDate, LastModifiedDate, ...settings };
}
