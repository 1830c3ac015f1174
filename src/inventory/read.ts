// Reads every resource setup manages, with each resource's own read function, as few round trips
// as the dependencies allow. `status` audits the result; `teardown` decides from it what to delete.
import type { GroupType, UserPoolClientType, UserPoolType } from '@aws-sdk/client-cognito-identity-provider';
import type { AwsClients } from '../aws/clients.js';
import type { MmbatchServerClient } from '../server/client.js';
import type { CognitoServerSettings } from '../server/cognitoSettings.js';
import { readUserPool } from '../resources/userPool.js';
import { readAppClient } from '../resources/appClient.js';
import { readAdminGroup } from '../resources/adminGroup.js';
import { readAdminUser, type LiveAdminUser } from '../resources/adminUser.js';
import { readIdentityPool, type LiveIdentityPool } from '../resources/identityPool.js';
import { readIdentityPoolRoles, type LiveIdentityPoolRoles } from '../resources/identityPoolRoles.js';
import { readRole, readRolePolicies, type LiveRole } from '../resources/iamRole.js';
import { readServerSettings } from '../resources/serverSettings.js';
import type { ExpectedSetup } from './expected.js';

export interface Inventory {
  userPool?: UserPoolType;
  appClient?: UserPoolClientType;
  adminGroup?: GroupType;
  adminUser?: LiveAdminUser;
  identityPool?: LiveIdentityPool;
  identityPoolRoles?: LiveIdentityPoolRoles;
  role?: LiveRole;
  /** Only when asked for (teardown must know them before it deletes the role). */
  rolePolicies?: { inline: string[]; attached: string[] };
  server?: { url: string; settings: CognitoServerSettings };
}

export async function readInventory(
  aws: AwsClients,
  expected: ExpectedSetup,
  server: MmbatchServerClient | undefined,
  options: { rolePolicies?: boolean } = {},
): Promise<Inventory> {
  const { idp, identity, iam } = aws;
  const { names, ids } = expected;

  const userPoolSide = (async () => {
    const userPool = await readUserPool(idp, { id: ids.userPoolId, name: names.userPool });
    if (!userPool?.Id) return { userPool };
    const userPoolId = userPool.Id;
    // A recorded client ID only counts in the pool it was recorded with.
    const clientId = userPoolId === ids.userPoolId ? ids.clientId : undefined;
    const [appClient, adminGroup, adminUser] = await Promise.all([
      readAppClient(idp, { userPoolId, id: clientId, name: names.appClient }),
      readAdminGroup(idp, { userPoolId, name: expected.adminGroup }),
      expected.adminEmail ? readAdminUser(idp, { userPoolId, email: expected.adminEmail }) : undefined,
    ]);
    return { userPool, appClient, adminGroup, adminUser };
  })();

  const identitySide = (async () => {
    const identityPool = await readIdentityPool(identity, { id: ids.identityPoolId, name: names.identityPool });
    const identityPoolRoles = identityPool?.IdentityPoolId ? await readIdentityPoolRoles(identity, identityPool.IdentityPoolId) : undefined;
    return { identityPool, identityPoolRoles };
  })();

  const roleSide = (async () => {
    const role = await readRole(iam, { name: names.role });
    const rolePolicies = role && options.rolePolicies ? await readRolePolicies(iam, names.role) : undefined;
    return { role, rolePolicies };
  })();

  const serverSide = server
    ? readServerSettings(server).then((settings) => ({ server: { url: server.url, settings } }))
    : Promise.resolve({});

  const parts = await Promise.all([userPoolSide, identitySide, roleSide, serverSide]);
  return Object.assign({}, ...parts) as Inventory;
}
