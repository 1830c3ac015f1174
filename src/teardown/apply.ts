// Runs the confirmed teardown plan, one step at a time in its order. After each deletion the
// settings file forgets that resource's IDs, so a run that stops anywhere leaves the file true to
// what still exists and the next teardown carries on from there.
import type { Context } from '../cli/context.js';
import type { AwsClients } from '../aws/clients.js';
import type { Progress } from '../cli/io/progress.js';
import type { Settings } from '../settings.js';
import type { ExpectedSetup } from '../inventory/expected.js';
import type { MmbatchServerClient } from '../server/client.js';
import { deleteCachedTokens } from '../auth/store/tokenCache.js';
import { deleteUserPool } from '../resources/userPool.js';
import { deleteAppClient } from '../resources/appClient.js';
import { deleteAdminGroup } from '../resources/adminGroup.js';
import { deleteAdminUser } from '../resources/adminUser.js';
import { deleteIdentityPool } from '../resources/identityPool.js';
import { deleteRole } from '../resources/iamRole.js';
import { unmapIdentityPoolRole } from '../resources/identityPoolRoles.js';
import { RESOURCE_LABEL } from '../inventory/labels.js';
import { describeStep, type TeardownStep } from './plan.js';
import { turnServerCognitoOff } from './serverOff.js';

type SettingsKey = keyof Settings;
type CreatedKey = keyof NonNullable<Settings['created']>;

/** What the settings file forgets once a step is done. */
const FORGET: Record<TeardownStep['resource'], [SettingsKey[], CreatedKey[]]> = {
  server: [[], []],
  identityPoolRoles: [[], []],
  identityPool: [['identityPoolId'], ['identityPool']],
  iamRole: [['roleArn', 'roleCreatedByTool'], ['iamRole']],
  appClient: [['clientId'], ['appClient']],
  adminUser: [[], ['adminUser']],
  adminGroup: [[], ['adminGroup']],
  userPool: [['userPoolId', 'clientId'], ['userPool', 'appClient', 'adminGroup', 'adminUser']],
};

export interface TeardownDeps {
  aws: AwsClients;
  server?: MmbatchServerClient;
  expected: ExpectedSetup;
  admin: { username?: string; passwordStdin?: boolean };
  progress: Progress;
}

export async function applyTeardown(ctx: Context, steps: TeardownStep[], deps: TeardownDeps): Promise<TeardownStep[]> {
  const done: TeardownStep[] = [];
  for (const step of steps) {
    deps.progress.start(step.resource, describeStep(step));
    try {
      await applyStep(ctx, step, deps);
    } catch (error) {
      deps.progress.done(step.resource, `${RESOURCE_LABEL[step.resource]} ${step.id}: failed`, false);
      throw error;
    }
    if (deps.expected.recordedHere) {
      const [keys, createdKeys] = FORGET[step.resource];
      if (keys.length || createdKeys.length) ctx.settings.forget(keys, createdKeys);
    }
    deps.progress.done(step.resource, doneLine(step));
    done.push(step);
  }
  return done;
}

async function applyStep(ctx: Context, step: TeardownStep, deps: TeardownDeps): Promise<void> {
  const { idp, identity, iam, region } = deps.aws;
  switch (step.resource) {
    case 'server':
      return turnServerCognitoOff(ctx, deps.server!, step.live, deps.admin);
    case 'identityPoolRoles':
      return unmapIdentityPoolRole(identity, step.live, step.id, step.roleArn);
    case 'identityPool':
      return deleteIdentityPool(identity, step.id);
    case 'iamRole':
      return deleteRole(iam, step.roleName, step.inlinePolicies);
    case 'appClient':
      return deleteAppClient(idp, { userPoolId: step.userPoolId, clientId: step.id });
    case 'adminUser':
      return deleteAdminUser(idp, { userPoolId: step.userPoolId, username: step.id });
    case 'adminGroup':
      return deleteAdminGroup(idp, { userPoolId: step.userPoolId, name: step.id });
    case 'userPool': {
      await deleteUserPool(idp, step.live);
      // Tokens of a pool that no longer exists are of no use to anyone; do not leave them on disk.
      const username = deps.expected.adminEmail;
      if (step.clientId && username) deleteCachedTokens(ctx.env, { region, userPoolId: step.id, clientId: step.clientId, username });
      return;
    }
  }
}

function doneLine(step: TeardownStep): string {
  if (step.resource === 'server') return `Cognito turned off on ${step.id}`;
  if (step.resource === 'identityPoolRoles') return `role unmapped from identity pool ${step.id}`;
  return `${RESOURCE_LABEL[step.resource]} ${step.resource === 'iamRole' ? step.roleName : step.id} deleted`;
}
