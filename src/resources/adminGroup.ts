// The admin group: its name is what the MMBatch server lists in adminGroups, and membership puts
// `cognito:groups` into the user's access token.
import { AdminGetUserCommand, CreateGroupCommand, DeleteGroupCommand, GetGroupCommand, type GroupType, type UserType } from '@aws-sdk/client-cognito-identity-provider';
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

/** What is already known of a member (the admin setup made, read in locate's round): no second read. */
export type KnownMembers = ReadonlyMap<string, { mfa: string[] }>;

/**
 * The members of the group without a TOTP authenticator (AdminGetUser's UserMFASettingList), by
 * e-mail or username. `members` may be a walk started earlier (beside locate's round); a member
 * already read (`known`, by username) is not read again, so a group of only the admin costs no round.
 */
export async function adminsWithoutMfa(
  env: ResourceEnv,
  userPoolId: string,
  group: string,
  early: { members?: Promise<UserType[]>; known?: KnownMembers } = {},
): Promise<{ members: number; without: string[] }> {
  const members = await (early.members ?? groupMembers(env.aws.idp, userPoolId, group));
  const without: string[] = [];
  const emailOf = (member: UserType) => member.Attributes?.find((attribute) => attribute.Name === 'email')?.Value ?? member.Username ?? '?';
  const unknown: UserType[] = [];
  for (const member of members) {
    const known = member.Username ? early.known?.get(member.Username) : undefined;
    if (!known) unknown.push(member);
    else if (!known.mfa.includes('SOFTWARE_TOKEN_MFA')) without.push(emailOf(member));
  }
  // A few at a time: the per-pool read quota is shared with whatever else runs.
  for (let index = 0; index < unknown.length; index += 5) {
    const answers = await Promise.all(
      unknown.slice(index, index + 5).map(async (member) => {
        const user = await ignoreNotFound(env.aws.idp.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: member.Username! })));
        return user && !(user.UserMFASettingList ?? []).includes('SOFTWARE_TOKEN_MFA') ? emailOf(member) : undefined;
      }),
    );
    without.push(...answers.filter((email): email is string => Boolean(email)));
  }
  return { members: members.length, without };
}
