// The admin group: its name is what the MMBatch server lists in adminGroups, and membership puts
// `cognito:groups` into the user's access token.
import { CreateGroupCommand, DeleteGroupCommand, GetGroupCommand, type GroupType } from '@aws-sdk/client-cognito-identity-provider';
import { ignoreNotFound, isAwsCode } from '../aws/errors.js';
import type { Plan, Resource } from './plan.js';

export interface AdminGroupWant {
  name: string;
}

export interface AdminGroupIds {
  userPool?: string;
}

export const adminGroup: Resource<GroupType, AdminGroupWant, AdminGroupIds> = {
  kind: 'adminGroup',
  label: 'admin group',

  async read(env, name, ids) {
    if (!ids.userPool) return undefined;
    return (await ignoreNotFound(env.aws.idp.send(new GetGroupCommand({ UserPoolId: ids.userPool, GroupName: name }))))?.Group;
  },

  plan(live, want, origin): Plan<GroupType> {
    return { kind: 'adminGroup', id: live ? want.name : undefined, action: live ? 'unchanged' : 'create', origin, changes: [], blocked: [], warnings: [], live };
  },

  async apply(env, plan, want, ids) {
    if (plan.action !== 'create') return want.name;
    try {
      await env.aws.idp.send(
        new CreateGroupCommand({ UserPoolId: ids.userPool!, GroupName: want.name, Description: 'MMBatch administrators (managed by mmbatch-auth)' }),
      );
    } catch (error) {
      // Another run made it between our read and this write: the group exists, which is the goal.
      if (!isAwsCode(error, 'GroupExistsException')) throw error;
    }
    return want.name;
  },

  async remove(env, live) {
    await ignoreNotFound(env.aws.idp.send(new DeleteGroupCommand({ UserPoolId: live.UserPoolId!, GroupName: live.GroupName! })));
  },
};
