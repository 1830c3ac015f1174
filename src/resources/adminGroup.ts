// The admin group: its name is what the MMBatch server lists in adminGroups, and membership puts
// `cognito:groups` into the user's access token.
import {
  CreateGroupCommand,
  DeleteGroupCommand,
  GetGroupCommand,
  type CognitoIdentityProviderClient,
  type GroupType,
} from '@aws-sdk/client-cognito-identity-provider';
import { isAwsCode } from '../aws/errors.js';
import { planFrom, type Plan } from './plan.js';

export interface DesiredAdminGroup {
  userPoolId: string;
  name: string;
}

export type AdminGroupPlan = Plan<GroupType, DesiredAdminGroup>;

export async function readAdminGroup(
  idp: CognitoIdentityProviderClient,
  ref: DesiredAdminGroup,
): Promise<GroupType | undefined> {
  try {
    const { Group } = await idp.send(new GetGroupCommand({ UserPoolId: ref.userPoolId, GroupName: ref.name }));
    return Group;
  } catch (error) {
    if (isAwsCode(error, 'ResourceNotFoundException')) return undefined;
    throw error;
  }
}

export function planAdminGroup(live: GroupType | undefined, desired: DesiredAdminGroup): AdminGroupPlan {
  return planFrom('adminGroup', live, desired, desired.name, () => []);
}

export async function applyAdminGroup(idp: CognitoIdentityProviderClient, plan: AdminGroupPlan): Promise<string> {
  if (plan.action === 'create') {
    try {
      await idp.send(
        new CreateGroupCommand({
          UserPoolId: plan.desired.userPoolId,
          GroupName: plan.desired.name,
          Description: 'MMBatch administrators (managed by mmbatch-auth)',
        }),
      );
    } catch (error) {
      // Another run created it between our read and this write: the group exists, which is the goal.
      if (!isAwsCode(error, 'GroupExistsException')) throw error;
    }
  }
  return plan.desired.name;
}

/** Only when the pool itself stays (deleting a pool deletes its groups). */
export async function deleteAdminGroup(idp: CognitoIdentityProviderClient, ref: DesiredAdminGroup): Promise<void> {
  try {
    await idp.send(new DeleteGroupCommand({ UserPoolId: ref.userPoolId, GroupName: ref.name }));
  } catch (error) {
    if (!isAwsCode(error, 'ResourceNotFoundException')) throw error;
  }
}
