// The admin group: its name is what the MMBatch server lists in adminGroups, and membership puts
// `cognito:groups` into the user's access token.
import { AdminGetUserCommand, CreateGroupCommand, DeleteGroupCommand, GetGroupCommand, type GroupType } from '@aws-sdk/client-cognito-identity-provider';
import { ignoreNotFound, isAwsCode } from '../aws/errors.js';
import type { Plan, Resource, ResourceEnv } from './plan.js';
import { groupMembers } from './poolUsers.js';

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

/** The members of the group without a TOTP authenticator (AdminGetUser's UserMFASettingList), by e-mail or username. */
export async function adminsWithoutMfa(env: ResourceEnv, userPoolId: string, group: string): Promise<{ members: number; without: string[] }> {
  const members = await groupMembers(env.aws.idp, userPoolId, group);
  const without: string[] = [];
  // A few at a time: the per-pool read quota is shared with whatever else runs.
  for (let index = 0; index < members.length; index += 5) {
    const answers = await Promise.all(
      members.slice(index, index + 5).map(async (member) => {
        const user = await ignoreNotFound(env.aws.idp.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: member.Username! })));
        const email = member.Attributes?.find((attribute) => attribute.Name === 'email')?.Value ?? member.Username ?? '?';
        return user && !(user.UserMFASettingList ?? []).includes('SOFTWARE_TOKEN_MFA') ? email : undefined;
      }),
    );
    without.push(...answers.filter((email): email is string => Boolean(email)));
  }
  return { members: members.length, without };
}
