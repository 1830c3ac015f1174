// The first admin: created with a verified e-mail, given a permanent password when the operator
// supplied one (else Cognito e-mails a temporary one), and put in the admin group. A disabled admin
// was disabled by a person: reported, never undone.
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { addToGroup, createPoolUser, deletePoolUser, readPoolUser, setPermanentPassword, type PoolUser } from './poolUsers.js';
import { unchangedOrUpdate, type Plan, type Resource } from './plan.js';
import { diffSettings, type SettingSpecs, type WantedSettings } from './settings.js';

export interface LiveAdminUser extends PoolUser {
  /** The given password signed this user in (a probe the workflow makes); undefined when not tried. */
  passwordWorks?: boolean;
}

/** What applying the plan's changes takes: collected by the settings' writers, then sent. */
interface AdminUserUpdate {
  groups: string[];
  setPassword: boolean;
}

export const ADMIN_USER_SETTINGS: SettingSpecs<LiveAdminUser, AdminUserUpdate> = {
  enabled: {
    label: 'enabled',
    read: (user) => user.enabled,
    fixed: { severity: 'warn', reason: () => 'the admin is disabled (a person did that; setup does not undo it)' },
  },
  groups: {
    label: 'groups',
    read: (user) => user.groups,
    // Wanted as "the live groups plus the admin group": only missing memberships are changes.
    satisfies: (live, wanted) => (wanted as string[]).every((group) => (live as string[]).includes(group)),
    write: (update, value, live) => {
      update.groups.push(...(value as string[]).filter((group) => !live.groups.includes(group)));
    },
  },
  password: {
    label: 'password',
    read: (user) => (user.status === 'FORCE_CHANGE_PASSWORD' ? 'temporary' : user.passwordWorks === false ? 'not the given one' : 'permanent'),
    write: (update) => {
      update.setPassword = true;
    },
  },
};

export interface AdminUserWant {
  email: string;
  group: string;
  /** The permanent password, when the operator gave one. A secret: never logged, never in a plan. */
  password?: string;
}

export function adminUserSettings(want: AdminUserWant): WantedSettings {
  return {
    enabled: true,
    groups: (live) => [...new Set([...((live as string[] | undefined) ?? []), want.group])],
    ...(want.password ? { password: 'permanent' } : {}),
  };
}

export interface AdminUserIds {
  userPool?: string;
  /** Resolves once the group exists: the user is made at once, joining waits for it. */
  groupReady?: Promise<unknown>;
}

async function writeUpdate(idp: CognitoIdentityProviderClient, userPoolId: string, want: AdminUserWant, update: AdminUserUpdate, groupReady?: Promise<unknown>): Promise<void> {
  // The password and the memberships are independent: set them at once.
  await Promise.all([
    update.setPassword && want.password ? setPermanentPassword(idp, { userPoolId, email: want.email, password: want.password }) : undefined,
    ...update.groups.map(async (group) => {
      if (group === want.group) await groupReady;
      await addToGroup(idp, { userPoolId, email: want.email, group });
    }),
  ]);
}

export const adminUser: Resource<LiveAdminUser, AdminUserWant, AdminUserIds> = {
  kind: 'adminUser',
  label: 'admin user',

  async read(env, email, ids) {
    if (!ids.userPool) return undefined;
    return readPoolUser(env.aws.idp, ids.userPool, email);
  },

  plan(live, want, origin): Plan<LiveAdminUser> {
    if (!live) return { kind: 'adminUser', action: 'create', origin, changes: [], blocked: [], warnings: [] };
    const diff = diffSettings(ADMIN_USER_SETTINGS, live, adminUserSettings(want));
    return { kind: 'adminUser', id: want.email, action: unchangedOrUpdate(diff.changes), origin, ...diff, live };
  },

  async apply(env, plan, want, ids) {
    const userPoolId = ids.userPool!;
    if (plan.action === 'create') {
      await createPoolUser(env.aws.idp, { userPoolId, email: want.email, withPassword: Boolean(want.password) });
      await writeUpdate(env.aws.idp, userPoolId, want, { groups: [want.group], setPassword: true }, ids.groupReady);
    } else if (plan.action === 'update') {
      const update: AdminUserUpdate = { groups: [], setPassword: false };
      for (const change of plan.changes) ADMIN_USER_SETTINGS[change.setting].write!(update, change.to, plan.live!);
      await writeUpdate(env.aws.idp, userPoolId, want, update, ids.groupReady);
    }
    return want.email;
  },

  async remove(env, live, ids) {
    await deletePoolUser(env.aws.idp, { userPoolId: ids.userPool!, email: live.username });
  },
};
