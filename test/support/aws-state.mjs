// What exists in the local stack, asked through the real SDK clients (Describe/Get/List), so a
// test can assert the state a run left behind rather than what the CLI says it did.
import {
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoIdentityClient, DescribeIdentityPoolCommand, GetIdentityPoolRolesCommand, ListIdentityPoolsCommand } from '@aws-sdk/client-cognito-identity';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';

const NOT_FOUND = new Set(['ResourceNotFoundException', 'NoSuchEntityException', 'NoSuchEntity']);

/** @param {Promise<unknown>} call @returns {Promise<boolean>} */
async function exists(call) {
  try {
    await call;
    return true;
  } catch (error) {
    if (NOT_FOUND.has(/** @type {Error} */ (error).name)) return false;
    throw error;
  }
}

/** @param {{ region: string, endpoint: string }} stack */
export function createAwsState(stack) {
  const common = { region: stack.region, endpoint: stack.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  const idp = new CognitoIdentityProviderClient(common);
  const identity = new CognitoIdentityClient(common);
  const iam = new IAMClient(common);
  return {
    idp,
    identity,
    iam,
    /** @param {string} id */
    userPool: (id) => exists(idp.send(new DescribeUserPoolCommand({ UserPoolId: id }))),
    /** @param {string} userPoolId @param {string} id */
    appClient: (userPoolId, id) => exists(idp.send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: id }))),
    /** @param {string} id */
    identityPool: (id) => exists(identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: id }))),
    /** @param {string} arnOrName */
    role: (arnOrName) => exists(iam.send(new GetRoleCommand({ RoleName: arnOrName.split('/').pop() }))),
    /** @param {string} id */
    identityPoolRoles: async (id) => (await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: id }))).Roles ?? {},
    /** @param {string} id */
    deletionProtection: async (id) => (await idp.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool?.DeletionProtection,
    /** @param {string} name */
    userPoolsNamed: async (name) => ((await idp.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools ?? []).filter((p) => p.Name === name),
    /** @param {string} userPoolId */
    appClientsIn: async (userPoolId) => (await idp.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }))).UserPoolClients ?? [],
    /** @param {string} name */
    identityPoolsNamed: async (name) =>
      ((await identity.send(new ListIdentityPoolsCommand({ MaxResults: 60 }))).IdentityPools ?? []).filter((p) => p.IdentityPoolName === name),
    /**
     * The IDs a settings file records that do not exist: [] when the file is true to what exists.
     * @param {Record<string, any>} settings
     */
    async recordedButMissing(settings) {
      const checks = [
        ['userPoolId', settings.userPoolId && (await exists(idp.send(new DescribeUserPoolCommand({ UserPoolId: settings.userPoolId }))))],
        ['clientId', settings.clientId && (await exists(idp.send(new DescribeUserPoolClientCommand({ UserPoolId: settings.userPoolId ?? 'none_x', ClientId: settings.clientId }))))],
        ['identityPoolId', settings.identityPoolId && (await exists(identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: settings.identityPoolId }))))],
        ['roleArn', settings.roleArn && (await exists(iam.send(new GetRoleCommand({ RoleName: settings.roleArn.split('/').pop() }))))],
      ];
      return checks.filter(([key, found]) => settings[/** @type {string} */ (key)] && !found).map(([key]) => key);
    },
    destroy() {
      idp.destroy();
      identity.destroy();
      iam.destroy();
    },
  };
}
