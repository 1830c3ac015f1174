// The people in the user pool, as `users add|list|remove` sees them: an e-mail, a status, whether
// the account is enabled, and its groups. Self-registration is off, so these admin calls are the
// only way in (and they need the operator's AWS credentials).
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminSetUserPasswordCommand,
  GetGroupCommand,
  ListGroupsCommand,
  ListUsersCommand,
  ListUsersInGroupCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { isAwsCode } from '../aws/errors.js';

export interface PoolUser {
  email: string;
  /** Cognito's own name for the user (a UUID in pools that sign in by e-mail). */
  username: string;
  status: string;
  enabled: boolean;
  groups: string[];
}

function emailOf(attributes: AttributeType[] | undefined, fallback: string): string {
  return attributes?.find((attribute) => attribute.Name === 'email')?.Value ?? fallback;
}

function fromUserType(user: UserType, groups: string[]): PoolUser {
  const username = user.Username ?? '';
  return {
    email: emailOf(user.Attributes, username),
    username,
    status: user.UserStatus ?? 'UNKNOWN',
    enabled: user.Enabled !== false,
    groups,
  };
}

export async function readPoolUser(
  idp: CognitoIdentityProviderClient,
  userPoolId: string,
  email: string,
): Promise<PoolUser | undefined> {
  let user;
  try {
    user = await idp.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email }));
  } catch (error) {
    if (isAwsCode(error, 'UserNotFoundException')) return undefined;
    throw error;
  }
  const groups: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await idp.send(new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: email, NextToken }));
    for (const group of page.Groups ?? []) if (group.GroupName) groups.push(group.GroupName);
    NextToken = page.NextToken;
  } while (NextToken);
  return {
    email: emailOf(user.UserAttributes, email),
    username: user.Username ?? email,
    status: user.UserStatus ?? 'UNKNOWN',
    enabled: user.Enabled !== false,
    groups,
  };
}

export async function groupExists(idp: CognitoIdentityProviderClient, userPoolId: string, group: string): Promise<boolean> {
  try {
    await idp.send(new GetGroupCommand({ UserPoolId: userPoolId, GroupName: group }));
    return true;
  } catch (error) {
    if (isAwsCode(error, 'ResourceNotFoundException')) return false;
    throw error;
  }
}

export async function groupMembers(idp: CognitoIdentityProviderClient, userPoolId: string, group: string): Promise<UserType[]> {
  const members: UserType[] = [];
  let NextToken: string | undefined;
  do {
    const page = await idp.send(new ListUsersInGroupCommand({ UserPoolId: userPoolId, GroupName: group, NextToken }));
    members.push(...(page.Users ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return members;
}

/** Every user with its groups: one ListUsers walk plus one ListUsersInGroup walk per group, not one call per user. */
export async function listPoolUsers(idp: CognitoIdentityProviderClient, userPoolId: string): Promise<PoolUser[]> {
  const groupNames: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await idp.send(new ListGroupsCommand({ UserPoolId: userPoolId, NextToken }));
    for (const group of page.Groups ?? []) if (group.GroupName) groupNames.push(group.GroupName);
    NextToken = page.NextToken;
  } while (NextToken);
  const groupsOf = new Map<string, string[]>();
  for (const group of groupNames) {
    for (const member of await groupMembers(idp, userPoolId, group)) {
      if (!member.Username) continue;
      groupsOf.set(member.Username, [...(groupsOf.get(member.Username) ?? []), group]);
    }
  }
  const users: PoolUser[] = [];
  let PaginationToken: string | undefined;
  do {
    const page = await idp.send(new ListUsersCommand({ UserPoolId: userPoolId, PaginationToken }));
    for (const user of page.Users ?? []) users.push(fromUserType(user, groupsOf.get(user.Username ?? '') ?? []));
    PaginationToken = page.PaginationToken;
  } while (PaginationToken);
  return users.sort((a, b) => a.email.localeCompare(b.email));
}

/**
 * Creates the user with a verified e-mail. Without a password Cognito e-mails a temporary one (the
 * first sign-in then asks for a new one); with a password the invitation is suppressed.
 * Returns false when the user already existed.
 */
export async function createPoolUser(
  idp: CognitoIdentityProviderClient,
  input: { userPoolId: string; email: string; withPassword: boolean },
): Promise<boolean> {
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

export async function setPermanentPassword(
  idp: CognitoIdentityProviderClient,
  input: { userPoolId: string; email: string; password: string },
): Promise<void> {
  await idp.send(
    new AdminSetUserPasswordCommand({ UserPoolId: input.userPoolId, Username: input.email, Password: input.password, Permanent: true }),
  );
}

export async function addToGroup(idp: CognitoIdentityProviderClient, input: { userPoolId: string; email: string; group: string }): Promise<void> {
  await idp.send(new AdminAddUserToGroupCommand({ UserPoolId: input.userPoolId, Username: input.email, GroupName: input.group }));
}

export async function deletePoolUser(idp: CognitoIdentityProviderClient, input: { userPoolId: string; email: string }): Promise<void> {
  await idp.send(new AdminDeleteUserCommand({ UserPoolId: input.userPoolId, Username: input.email }));
}
