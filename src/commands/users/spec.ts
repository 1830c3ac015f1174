// `users add|list|remove`: self-registration is off, so this is how people get in (and out).
import { defineCommand, defineGroup, options, type OptionsOf } from '../define.js';
import { NAME_OPTION, USER_POOL_OPTION } from '../shared.js';

const adminGroup = { flag: '--admin-group', value: '<group>', description: 'the admin group (default: the settings file, else admin)' } as const;
const addOptions = options({
  ...NAME_OPTION,
  ...USER_POOL_OPTION,
  admin: { flag: '--admin', description: 'put the user in the admin group' },
  adminGroup,
  passwordStdin: { flag: '--password-stdin', description: 'read a permanent password from stdin' },
  from: { flag: '--from', value: '<file|->', file: true, description: 'add many: one e-mail a line, or CSV email,admin (- for stdin)' },
});
const addArgs = [{ name: 'email', description: "the user's e-mail (or --from)" }] as const;
const listOptions = options({ ...NAME_OPTION, ...USER_POOL_OPTION });
const removeOptions = options({ ...NAME_OPTION, ...USER_POOL_OPTION, adminGroup: { ...adminGroup, description: 'the admin group to protect (else the settings file, else admin)' } });
const removeArgs = [{ name: 'email', required: true }] as const;

export type UsersAddOptions = OptionsOf<{ options: typeof addOptions; args: typeof addArgs }>;
export type UsersListOptions = OptionsOf<{ options: typeof listOptions }>;
export type UsersRemoveOptions = OptionsOf<{ options: typeof removeOptions; args: typeof removeArgs }>;

export const users = defineGroup({
  name: 'users',
  description: 'manage users (self-registration is off)',
  examples: ['mmbatch-auth users list', 'mmbatch-auth users add alice@example.com --admin', 'mmbatch-auth users remove bob@example.com'],
  commands: [
    defineCommand({
      name: 'add',
      description: 'add a user (Cognito e-mails a temporary password unless --password-stdin)',
      examples: ['mmbatch-auth users add alice@example.com', "printf '%s' \"$PASSWORD\" | mmbatch-auth users add ci@example.com --password-stdin", 'mmbatch-auth users add --from people.csv'],
      options: addOptions,
      args: addArgs,
      load: () => import('./run.js').then((m) => m.add),
    }),
    defineCommand({
      name: 'list',
      description: 'list users',
      examples: ['mmbatch-auth users list', 'mmbatch-auth users list --json'],
      options: listOptions,
      load: () => import('./run.js').then((m) => m.list),
    }),
    defineCommand({
      name: 'remove',
      description: "remove a user (never the admin group's last enabled member)",
      examples: ['mmbatch-auth users remove bob@example.com', 'mmbatch-auth users remove bob@example.com --yes --dry-run'],
      options: removeOptions,
      args: removeArgs,
      load: () => import('./run.js').then((m) => m.remove),
    }),
  ],
});
