// The first admin: created with a verified e-mail, given a permanent password when the operator
// supplied one (else Cognito e-mails a temporary one), and put in the admin group.
import {
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  type AdminGetUserCommandOutput,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { isAwsCode } from '../aws/errors.js';
import { addToGroup, createPoolUser, setPermanentPassword } from './poolUsers.js';
import type { Plan } from './plan.js';

export interface DesiredAdminUser {
  userPoolId: string;
  email: string;
  group: string;
  /** When given: the permanent password. Never logged, never in argv. */
  password?: string;
  /** When the password is known to work already (a token was minted with it), no write is needed. */
  passwordVerified?: boolean;
}

export interface LiveAdminUser {
  username: string;
  status?: string;
  enabled: boolean;
  groups: string[];
}

export type AdminUserPlan = Plan<LiveAdminUser, DesiredAdminUser>;

export async function readAdminUser(
  idp: CognitoIdentityProviderClient,
  ref: { userPoolId: string; email: string },
): Promise<LiveAdminUser | undefined> {
  // The user and its groups are asked for at once (one round, not two); the groups' answer counts
  // only once the user is known to exist.
  const groups = listGroupsOfUser(idp, ref);
  groups.catch(() => undefined);
  let user: AdminGetUserCommandOutput;
  try {
    user = await idp.send(new AdminGetUserCommand({ UserPoolId: ref.userPoolId, Username: ref.email }));
  } catch (error) {
    if (isAwsCode(error, 'UserNotFoundException', 'ResourceNotFoundException')) return undefined;
    throw error;
  }
  return { username: user.Username ?? ref.email, status: user.UserStatus, enabled: user.Enabled !== false, groups: await groups };
}

async function listGroupsOfUser(idp: CognitoIdentityProviderClient, ref: { userPoolId: string; email: string }): Promise<string[]> {
  const groups: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await idp.send(
      new AdminListGroupsForUserCommand({ UserPoolId: ref.userPoolId, Username: ref.email, NextToken }),
    );
    for (const group of page.Groups ?? []) if (group.GroupName) groups.push(group.GroupName);
    NextToken = page.NextToken;
  } while (NextToken);
  return groups;
}

export function adminUserDrift(live: LiveAdminUser, desired: DesiredAdminUser): string[] {
  const drift: string[] = [];
  if (!live.groups.includes(desired.group)) drift.push(`not in group '${desired.group}'`);
  if (!live.enabled) drift.push('the user is disabled');
  if (desired.password && live.status === 'FORCE_CHANGE_PASSWORD') drift.push('the password is temporary');
  if (desired.password && desired.passwordVerified === false) drift.push('the given password does not work');
  return drift;
}

export function planAdminUser(live: LiveAdminUser | undefined, desired: DesiredAdminUser): AdminUserPlan {
  if (!live) return { resource: 'adminUser', id: desired.email, action: 'create', reasons: ['missing'], desired };
  const reasons = adminUserDrift(live, desired);
  // A disabled admin was disabled by a person; report it, do not undo it.
  const repairable = reasons.filter((reason) => reason !== 'the user is disabled');
  return { resource: 'adminUser', id: desired.email, action: repairable.length ? 'update' : 'unchanged', reasons, live, desired };
}

export async function applyAdminUser(idp: CognitoIdentityProviderClient, plan: AdminUserPlan): Promise<string> {
  const { desired, live } = plan;
  if (plan.action === 'unchanged') return desired.email;
  if (!live) await createPoolUser(idp, { userPoolId: desired.userPoolId, email: desired.email, withPassword: Boolean(desired.password) });
  const needsPassword =
    desired.password && (!live || live.status === 'FORCE_CHANGE_PASSWORD' || desired.passwordVerified === false);
  if (needsPassword) {
    await setPermanentPassword(idp, { userPoolId: desired.userPoolId, email: desired.email, password: desired.password! });
  }
  if (!live || !live.groups.includes(desired.group)) {
    await addToGroup(idp, { userPoolId: desired.userPoolId, email: desired.email, group: desired.group });
  }
  return desired.email;
}

/** Only when the pool itself stays (deleting a pool deletes its users). */
export async function deleteAdminUser(idp: CognitoIdentityProviderClient, ref: { userPoolId: string; username: string }): Promise<void> {
  try {
    await idp.send(new AdminDeleteUserCommand({ UserPoolId: ref.userPoolId, Username: ref.username }));
  } catch (error) {
    if (!isAwsCode(error, 'UserNotFoundException', 'ResourceNotFoundException')) throw error;
  }
}
