// The people in a user pool as this tool sees them: an e-mail, Cognito's username, a status,
// whether the account is enabled, and its groups. One reader (readPoolUser) for `users` and for
// the admin user resource; the write calls setup and `users add` share. The whole list is
// poolUserList.ts.
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  paginateAdminListGroupsForUser,
  paginateListUsersInGroup,
  type AttributeType,
  type CognitoIdentityProviderClient,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { ignoreNotFound, isAwsCode } from '../aws/errors.js';

export interface PoolUser {
  email: string;
  /** Cognito's own name for the user (a UUID in pools that sign in by e-mail). */
  username: string;
  status: string;
  enabled: boolean;
  groups: string[];
  /** TOTP or SMS enabled for this user (AdminGetUser's UserMFASettingList). */
  mfa: string[];
}

function emailOf(attributes: AttributeType[] | undefined, fallback: string): string {
  return attributes?.find((attribute) => attribute.Name === 'email')?.Value ?? fallback;
}

export function fromUserType(user: UserType, groups: string[]): PoolUser {
  const username = user.Username ?? '';
  return {
    email: emailOf(user.Attributes, username),
    username,
    status: user.UserStatus ?? 'UNKNOWN',
    enabled: user.Enabled !== false,
    groups,
    mfa: [],
  };
}

async function groupsOfUser(idp: CognitoIdentityProviderClient, userPoolId: string, username: string): Promise<string[]> {
  const groups: string[] = [];
  for await (const page of paginateAdminListGroupsForUser({ client: idp }, { UserPoolId: userPoolId, Username: username })) {
    for (const group of page.Groups ?? []) if (group.GroupName) groups.push(group.GroupName);
  }
  return groups;
}

/** One user with its groups, in one round: both are asked at once; the groups count once the user is known. */
export async function readPoolUser(idp: CognitoIdentityProviderClient, userPoolId: string, email: string): Promise<PoolUser | undefined> {
  const groups = groupsOfUser(idp, userPoolId, email);
  groups.catch(() => undefined);
  const user = await ignoreNotFound(idp.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email })));
  if (!user) return undefined;
  return {
    email: emailOf(user.UserAttributes, email),
    username: user.Username ?? email,
    status: user.UserStatus ?? 'UNKNOWN',
    enabled: user.Enabled !== false,
    groups: await groups,
    mfa: user.UserMFASettingList ?? [],
  };
}

export async function groupMembers(idp: CognitoIdentityProviderClient, userPoolId: string, group: string): Promise<UserType[]> {
  const members: UserType[] = [];
  for await (const page of paginateListUsersInGroup({ client: idp }, { UserPoolId: userPoolId, GroupName: group })) members.push(...(page.Users ?? []));
  return members;
}

/**
 * Creates the user with a verified e-mail. Without a password Cognito e-mails a temporary one (the
 * first sign-in then asks for a new one); with a password the invitation is suppressed.
 * Returns false when the user already existed.
 */
export async function createPoolUser(idp: CognitoIdentityProviderClient, input: { userPoolId: string; email: string; withPassword: boolean }): Promise<boolean> {
  try {
    await idp.send(
      new AdminCreateUserCommand({
        UserPoolId: input.userPoolId,
        Username: input.email,
        UserAttributes: [
          { Name: 'email', Value: input.email },
          { Name: 'email_verified', Value: 'true' },
        ],
        DesiredDeliveryMediums: ['EMAIL'],
        ...(input.withPassword ? { MessageAction: 'SUPPRESS' as const } : {}),
      }),
    );
    return true;
  } catch (error) {
    if (isAwsCode(error, 'UsernameExistsException')) return false;
    throw error;
  }
}

export async function setPermanentPassword(idp: CognitoIdentityProviderClient, input: { userPoolId: string; email: string; password: string }): Promise<void> {
  await idp.send(new AdminSetUserPasswordCommand({ UserPoolId: input.userPoolId, Username: input.email, Password: input.password, Permanent: true }));
}

export async function addToGroup(idp: CognitoIdentityProviderClient, input: { userPoolId: string; email: string; group: string }): Promise<void> {
  await idp.send(new AdminAddUserToGroupCommand({ UserPoolId: input.userPoolId, Username: input.email, GroupName: input.group }));
}

export async function deletePoolUser(idp: CognitoIdentityProviderClient, input: { userPoolId: string; email: string }): Promise<void> {
  await ignoreNotFound(idp.send(new AdminDeleteUserCommand({ UserPoolId: input.userPoolId, Username: input.email })));
}
