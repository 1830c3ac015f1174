// `users list`: every user of a pool with its groups, in as few dependent rounds as paging allows.
// The ListUsers walk is one chain of pages (each page's token comes from the one before), so it is
// the floor; everything else runs beside it. The groups the caller already knows (the setup's admin
// group) are walked at once instead of after ListGroups; only groups ListGroups finds besides them
// wait for it. Both walks count against Cognito's UserList quota (ListUsers and ListUsersInGroup,
// 30 requests a second per account, not adjustable), so their pages share one limit under it.
import {
  ListGroupsCommand,
  ListUsersCommand,
  ListUsersInGroupCommand,
  type CognitoIdentityProviderClient,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { createRateLimit, type RateLimit } from '../aws/rateLimit.js';
import { isAwsCode } from '../aws/errors.js';
import { fromUserType, type PoolUser } from './poolUsers.js';

/** The most either listing returns a page (API reference: Limit 0–60). */
const PAGE_SIZE = 60;
/** Cognito's UserList category allows 30 a second per account; the rest is for the account's other clients. */
const USER_LIST_PER_SECOND = 25;
/** The users walk, plus a few group walks beside it. */
const USER_LIST_AT_ONCE = 4;

type Members = { found: true; members: UserType[] } | { found: false };

async function walkUsers(idp: CognitoIdentityProviderClient, limit: RateLimit, userPoolId: string): Promise<UserType[]> {
  const users: UserType[] = [];
  let token: string | undefined;
  do {
    const page = await limit.run(() => idp.send(new ListUsersCommand({ UserPoolId: userPoolId, Limit: PAGE_SIZE, PaginationToken: token })));
    users.push(...(page.Users ?? []));
    token = page.PaginationToken;
  } while (token);
  return users;
}

/** A group's members; a group that does not exist (a guessed name) is `found: false`, not an error. */
async function walkGroup(idp: CognitoIdentityProviderClient, limit: RateLimit, userPoolId: string, group: string): Promise<Members> {
  const members: UserType[] = [];
  let token: string | undefined;
  try {
    do {
      const page = await limit.run(() => idp.send(new ListUsersInGroupCommand({ UserPoolId: userPoolId, GroupName: group, Limit: PAGE_SIZE, NextToken: token })));
      members.push(...(page.Users ?? []));
      token = page.NextToken;
    } while (token);
  } catch (error) {
    if (isAwsCode(error, 'ResourceNotFoundException')) return { found: false };
    throw error;
  }
  return { found: true, members };
}

async function listGroupNames(idp: CognitoIdentityProviderClient, userPoolId: string): Promise<string[]> {
  const names: string[] = [];
  let token: string | undefined;
  do {
    const page = await idp.send(new ListGroupsCommand({ UserPoolId: userPoolId, Limit: PAGE_SIZE, NextToken: token }));
    for (const group of page.Groups ?? []) if (group.GroupName) names.push(group.GroupName);
    token = page.NextToken;
  } while (token);
  return names;
}

/**
 * Every user with its groups, sorted by e-mail. `knownGroups` are walked from the start, before
 * ListGroups has answered; a known name that is no group costs one call and changes nothing.
 */
export async function listPoolUsers(idp: CognitoIdentityProviderClient, userPoolId: string, { knownGroups = [] }: { knownGroups?: string[] } = {}): Promise<PoolUser[]> {
  const limit = createRateLimit({ perSecond: USER_LIST_PER_SECOND, concurrency: USER_LIST_AT_ONCE });
  // Started first, so that the longest chain never waits for a slot behind a group walk.
  const usersWalk = walkUsers(idp, limit, userPoolId);
  usersWalk.catch(() => undefined);
  const early = new Map(knownGroups.map((group) => [group, walkGroup(idp, limit, userPoolId, group)] as const));
  for (const walk of early.values()) walk.catch(() => undefined);
  const groupNames = await listGroupNames(idp, userPoolId);
  const memberships = await Promise.all(
    groupNames.map(async (group) => {
      const known = early.get(group);
      let members = known ? await known : undefined;
      // Not known, or made between the guess and ListGroups: walked now.
      if (!members?.found) members = await walkGroup(idp, limit, userPoolId, group);
      // Deleted since ListGroups named it: it has no members to show.
      return { group, members: members.found ? members.members : [] };
    }),
  );
  const groupsOf = new Map<string, string[]>();
  for (const { group, members } of memberships) {
    for (const member of members) if (member.Username) groupsOf.set(member.Username, [...(groupsOf.get(member.Username) ?? []), group]);
  }
  return (await usersWalk).map((user) => fromUserType(user, groupsOf.get(user.Username ?? '') ?? [])).sort((a, b) => a.email.localeCompare(b.email));
}
