// `users add|list|remove`: self-registration is off, so this is how people get in (and out).
// Inputs are validated before the first AWS call; add and remove honour --dry-run; remove asks
// for confirmation on a terminal and never removes the admin group's last enabled member.
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { writeJson, writeLine } from '../../cli/io/streams.js';
import { printRecord } from '../../cli/io/output.js';
import { isAwsCode } from '../../aws/errors.js';
import {
  addToGroup,
  createPoolUser,
  deletePoolUser,
  groupMembers,
  readPoolUser,
  setPermanentPassword,
  type PoolUser,
} from '../../resources/poolUsers.js';
import { readSecretFromStdin } from '../../auth/secrets.js';
import { selectSetupIfClear } from '../../config/selectedSetup.js';
import { GetGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { ignoreNotFound } from '../../aws/errors.js';
import { readAllStdin } from '../../cli/io/streams.js';
import { readFileCapped } from '../../server/tls.js';
import { parsePeople } from './peopleFile.js';
import { listPoolUsers } from '../../resources/poolUserList.js';
import { userPoolIdOf } from '../../cli/targets.js';
import { validateEmail, validateGroupName } from '../../validate.js';
import { visibleControls } from '../../terminalText.js';
import type { UsersAddOptions, UsersListOptions, UsersRemoveOptions } from './spec.js';

export async function list(options: UsersListOptions, ctx: Context): Promise<void> {
  const userPoolId = userPoolIdOf(ctx, options.userPoolId, options.name);
  const { idp } = await ctx.aws();
  const users = await listPoolUsers(idp, userPoolId, { knownGroups: knownGroupsOf(ctx, userPoolId, options.name) });
  if (ctx.globals.json) {
    writeJson(ctx.io, users);
    return;
  }
  if (users.length === 0) {
    ctx.log.info(`No users in ${userPoolId}: add one with \`mmbatch-auth users add <email>\``);
    return;
  }
  // Anyone who may write to the pool chose these values: shown as text, never as terminal controls.
  const cells = (u: (typeof users)[number]) => [u.email, u.status, u.enabled ? 'yes' : 'no', u.groups.join(',') || '-'].map(visibleControls);
  const rows = [['EMAIL', 'STATUS', 'ENABLED', 'GROUPS'], ...users.map(cells)];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  for (const row of rows) writeLine(ctx.io.out, row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]))).join('  '));
}

export async function add(options: UsersAddOptions, ctx: Context): Promise<void> {
  const userPoolId = userPoolIdOf(ctx, options.userPoolId, options.name);
  if (options.from !== undefined) return addFrom(options, ctx, userPoolId, options.from);
  if (options.email === undefined) throw new UsageError("the user's e-mail is required: pass <email> (or --from <file>)");
  const email = validateEmail(options.email);
  if (options.adminGroup !== undefined && !options.admin) {
    throw new UsageError('--admin-group names the group --admin puts the user in: pass --admin too');
  }
  const adminGroup = adminGroupOf(ctx, options.adminGroup, options.name);
  const password = options.passwordStdin ? await readSecretFromStdin(ctx.io, '--password-stdin') : undefined;
  const { idp } = await ctx.aws();
  // Everything that can refuse is checked before the first write, so a refusal leaves nothing half-done.
  if (options.admin && !(await ignoreNotFound(idp.send(new GetGroupCommand({ UserPoolId: userPoolId, GroupName: adminGroup }))))) {
    throw new UsageError(`the user pool ${userPoolId} has no group '${adminGroup}'`, {
      hint: 'run `mmbatch-auth setup` (it creates the admin group), or name another with --admin-group',
    });
  }
  const live = await readPoolUser(idp, userPoolId, email);
  const joinsGroup = Boolean(options.admin) && !live?.groups.includes(adminGroup);
  if (live && password) ctx.log.warn(`${email} already exists: its password was not changed`);
  if (ctx.globals.dryRun) {
    printRecord(ctx, {
      email,
      action: live ? (joinsGroup ? 'update' : 'unchanged') : 'create',
      groups: [...(live?.groups ?? []), ...(joinsGroup ? [adminGroup] : [])],
      ...(live ? {} : { invitation: password ? 'none (password given)' : 'Cognito e-mails a temporary password' }),
      dryRun: true,
    });
    return;
  }
  let created = false;
  if (!live) {
    created = await createPoolUser(idp, { userPoolId, email, withPassword: Boolean(password) });
    if (created && password) {
      try {
        await setPermanentPassword(idp, { userPoolId, email, password });
      } catch (error) {
        // A user with a suppressed invitation and no usable password could never sign in: undo.
        await deletePoolUser(idp, { userPoolId, email });
        if (isAwsCode(error, 'InvalidPasswordException')) {
          throw new UsageError("the password does not meet the user pool's password policy; the user was not added", { cause: error });
        }
        throw error;
      }
    }
  }
  if (joinsGroup) await addToGroup(idp, { userPoolId, email, group: adminGroup });
  const after = (await readPoolUser(idp, userPoolId, email)) ?? ({ email, username: email, status: 'UNKNOWN', enabled: true, groups: [], mfa: [] } satisfies PoolUser);
  printRecord(ctx, {
    email: after.email,
    action: created ? 'created' : joinsGroup ? 'updated' : 'unchanged',
    status: after.status,
    enabled: after.enabled,
    groups: after.groups,
  });
  if (created && !password) ctx.log.info(`Cognito e-mails ${email} a temporary password; the first sign-in asks for a new one.`);
}

export async function remove(options: UsersRemoveOptions, ctx: Context): Promise<void> {
  const userPoolId = userPoolIdOf(ctx, options.userPoolId, options.name);
  const email = validateEmail(options.email);
  const adminGroup = adminGroupOf(ctx, options.adminGroup, options.name);
  const { idp } = await ctx.aws();
  const live = await readPoolUser(idp, userPoolId, email);
  if (!live) throw new UsageError(`no user '${email}' in the user pool ${userPoolId}`, { hint: 'see `mmbatch-auth users list`' });
  if (live.groups.includes(adminGroup)) {
    // Without an enabled admin nobody can change the server's settings any more, and the only way
    // back is the AWS console. Add the successor first; there is deliberately no override flag.
    const others = (await groupMembers(idp, userPoolId, adminGroup)).filter((member) => member.Username !== live.username && member.Enabled !== false);
    if (others.length === 0) {
      throw new UsageError(`${email} is the last enabled member of the admin group '${adminGroup}': not removed`, {
        hint: 'add another admin first: mmbatch-auth users add <email> --admin',
      });
    }
  }
  if (ctx.globals.dryRun) {
    printRecord(ctx, { email, action: 'remove', groups: live.groups, dryRun: true });
    return;
  }
  if (ctx.interactive) {
    const sure = await ctx.prompter.confirm({ message: `Remove ${email} from ${userPoolId}? They will no longer be able to sign in.`, default: false });
    if (!sure) {
      ctx.log.info('Nothing removed.');
      return;
    }
  }
  await deletePoolUser(idp, { userPoolId, email });
  printRecord(ctx, { email, action: 'removed' });
}

/** A list of people is text: 1 MiB holds tens of thousands; more is not a list of e-mails. */
const MAX_PEOPLE_BYTES = 1024 * 1024;

async function addFrom(options: UsersAddOptions, ctx: Context, userPoolId: string, from: string): Promise<void> {
  if (options.email !== undefined) throw new UsageError('pass one user as <email> or many with --from, not both');
  if (options.passwordStdin) throw new UsageError('--password-stdin sets one password: with --from each person gets a temporary password by e-mail');
  if (options.admin) throw new UsageError('with --from, say who is an admin in the file (CSV email,admin)');
  let text: string;
  if (from === '-') {
    if (ctx.io.stdinIsTTY) throw new UsageError('--from - reads the list from stdin, but stdin is a terminal');
    text = await readAllStdin(ctx.io.stdin);
    if (Buffer.byteLength(text) > MAX_PEOPLE_BYTES) throw new UsageError('the list on stdin is larger than 1 MiB: split it');
  } else {
    let content: Buffer | undefined;
    try {
      content = readFileCapped(from, MAX_PEOPLE_BYTES);
    } catch {
      throw new UsageError(`cannot read ${from}`);
    }
    if (!content) throw new UsageError(`${from} is larger than 1 MiB: split it`);
    text = content.toString('utf8');
  }
  const people = parsePeople(text, from === '-' ? 'stdin' : from);
  const adminGroup = adminGroupOf(ctx, options.adminGroup, options.name);
  const { idp } = await ctx.aws();
  if (people.some((person) => person.admin) && !(await ignoreNotFound(idp.send(new GetGroupCommand({ UserPoolId: userPoolId, GroupName: adminGroup }))))) {
    throw new UsageError(`the user pool ${userPoolId} has no group '${adminGroup}'`, { hint: 'run `mmbatch-auth setup` (it creates the admin group), or name another with --admin-group' });
  }
  if (ctx.globals.dryRun) {
    printRecord(ctx, { users: people.length, admins: people.filter((person) => person.admin).length, action: 'add', dryRun: true });
    return;
  }
  const { addMany } = await import('./addMany.js');
  await addMany(ctx, idp, { userPoolId, adminGroup, people });
}

/** The setup's admin group, when the pool listed is that setup's: its members are walked without waiting for ListGroups. */
function knownGroupsOf(ctx: Context, userPoolId: string, name: string | undefined): string[] {
  const view = selectSetupIfClear(ctx.settings, name, ctx.env)?.view;
  return view?.userPoolId === userPoolId && view.adminGroup ? [view.adminGroup] : [];
}

function adminGroupOf(ctx: Context, flag: string | undefined, name: string | undefined): string {
  return validateGroupName(flag ?? selectSetupIfClear(ctx.settings, name, ctx.env)?.view.adminGroup ?? 'admin');
}
