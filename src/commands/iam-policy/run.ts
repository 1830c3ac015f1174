// `iam-policy [commands...]`: the least IAM policy the named commands need (all by default), as a
// policy document on stdout, ready for `aws iam put-user-policy --policy-document file://...`.
// A name covers its subcommands (`users` is `users add`, `users list`, `users remove`).
import type { Context } from '../../cli/context.js';
import { writeLine } from '../../cli/io/streams.js';
import { UsageError } from '../../errors.js';
import { COMMAND_ACTIONS, ROLE_RESOURCE } from './actions.js';
import type { IamPolicyOptions } from './spec.js';

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: { Sid: string; Effect: 'Allow'; Action: string[]; Resource: string }[];
}

/** The commands a name covers: itself, or its subcommands. */
export function commandsNamed(names: readonly string[]): string[] {
  const all = Object.keys(COMMAND_ACTIONS);
  if (names.length === 0) return all;
  const chosen = new Set<string>();
  // `iam-policy users add status` names `users add` and `status`: the longest command at each place.
  for (let index = 0; index < names.length; ) {
    const two = `${names[index]} ${names[index + 1] ?? ''}`.trim();
    if (names[index + 1] && all.includes(two)) {
      chosen.add(two);
      index += 2;
      continue;
    }
    const matches = all.filter((command) => command === names[index] || command.startsWith(`${names[index]} `));
    if (!matches.length) throw new UsageError(`unknown command '${names[index]}'`, { hint: `name any of: ${[...new Set(all.map((command) => command.split(' ')[0]))].join(', ')}` });
    matches.forEach((command) => chosen.add(command));
    index += 1;
  }
  return [...chosen];
}

export function policyFor(commands: readonly string[]): PolicyDocument {
  const actions = [...new Set(commands.flatMap((command) => COMMAND_ACTIONS[command] ?? []))].sort();
  const cognito = actions.filter((action) => action.startsWith('cognito-'));
  const iam = actions.filter((action) => action.startsWith('iam:'));
  const statements: PolicyDocument['Statement'] = [];
  if (cognito.length) statements.push({ Sid: 'MmbatchAuthCognito', Effect: 'Allow', Action: cognito, Resource: '*' });
  if (iam.length) statements.push({ Sid: 'MmbatchAuthRole', Effect: 'Allow', Action: iam, Resource: ROLE_RESOURCE });
  return { Version: '2012-10-17', Statement: statements };
}

export async function run(options: IamPolicyOptions, ctx: Context): Promise<void> {
  const commands = commandsNamed(options.commands);
  const policy = policyFor(commands);
  if (policy.Statement.length === 0) ctx.log.info(`${commands.join(', ')}: no AWS permission needed (sign-ins are unsigned calls)`);
  writeLine(ctx.io.out, JSON.stringify(policy, null, 2));
}
