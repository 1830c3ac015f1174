// src/cli/: the command line itself. main.ts the entry, program.ts commander built from the specs,
// context.ts what every run gets, report.ts errors as one line and an exit code; io/ and help/.
// The CLI's entry (dist/cli.cjs, run by dist/launchCli.cjs; bin/mmbatch-auth.cjs calls main after the fast path and the
// pre-rendered pages had nothing to say): refuses secrets in argv, answers `help <topic>` and the
// pre-rendered pages, otherwise builds commander from the specs and runs the command. Every failure
// becomes one line and an exit code here (report.ts).
import { processIO } from './io/streams.js';
import { buildProgram, terminal, type CliRuntime } from './program.js';
import { prerenderedOutput } from './help/pages.js';
import { reportError } from './report.js';
import { ExitCode, UsageError } from '../errors.js';
import { GLOBAL_OPTIONS } from '../commands/shared.js';
import { commandPaths } from '../commands/tree.js';

type Commander = typeof import('commander');

/** Secrets never go into argv, where every process on the machine can read them. */
export function refusePasswordFlags(argv: string[]): void {
  for (const arg of argv) {
    if (arg === '--') break;
    const flag = /^--([\w-]*(password|secret|token|mfa-code)[\w-]*)(=.*)?$/i.exec(arg)?.[1];
    if (flag && !/-stdin$/.test(flag) && flag !== 'id-token' && flag !== 'token') {
      throw new UsageError(`--${flag} is not accepted: secrets never go on the command line`, {
        hint: /mfa-code/.test(flag)
          ? 'use --mfa-code-stdin, MMBATCH_AUTH_MFA_CODE, or the prompt'
          : 'use --password-stdin (or --admin-password-stdin), MMBATCH_AUTH_PASSWORD, or the prompt',
      });
    }
  }
}

/** Global options that take a value, as they may stand before the command: `--config f help users`. */
const VALUE_FLAGS = new Set<string>(Object.values(GLOBAL_OPTIONS).flatMap((option) => ('value' in option ? [option.flag] : [])));

/**
 * `help [command [subcommand]]` is `[command [subcommand]] --help`; an unknown topic is bad usage.
 * Anything else is returned as it is.
 */
export function helpTopic(argv: string[]): string[] {
  let index = 0;
  while (index < argv.length && argv[index].startsWith('-')) index += VALUE_FLAGS.has(argv[index]) ? 2 : 1;
  if (argv[index] !== 'help') return argv;
  const topic = argv.slice(index + 1);
  if (topic.length && !commandPaths().some((path) => path.join(' ') === topic.join(' '))) {
    throw new UsageError(`unknown help topic '${topic.join(' ')}'`);
  }
  return [...argv.slice(0, index), ...topic, '--help'];
}

/**
 * The command a run names (`users add`, `status`): the longest command path its leading words
 * spell, or '' for none. The launcher records it with the code cache (src/launch/), so the cache
 * file holds command names only, never a word the user typed that is not one.
 */
export function commandOf(argv: string[]): string {
  const words = argv.join(' ');
  let found = '';
  for (const path of commandPaths()) {
    const name = path.join(' ');
    if (name.length > found.length && (words === name || words.startsWith(`${name} `))) found = name;
  }
  return found;
}

export async function main(argv: string[] = process.argv.slice(2), runtime: CliRuntime = { io: processIO(), env: process.env }): Promise<number> {
  // The SDK warns about Node 20's support window on its first client; that notice is not the user's
  // concern. Set once here, at start-up, for the whole process (the SDK reads process.env).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const verbose = argv.includes('--verbose');
  let commander: Commander | undefined;
  try {
    refusePasswordFlags(argv);
    const args = helpTopic(argv);
    const prerendered = prerenderedOutput(args, () => terminal(runtime.io.stdoutIsTTY, runtime.io.out));
    if (prerendered !== undefined) {
      runtime.io.out.write(prerendered);
      return ExitCode.ok;
    }
    commander = await import('commander');
    await buildProgram(runtime, commander).parseAsync(args, { from: 'user' });
    return ExitCode.ok;
  } catch (error) {
    if (commander && error instanceof commander.CommanderError) {
      if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)) return ExitCode.ok;
      // Commander puts its suggestion on a line of its own; the contract allows one hint line.
      const [message, ...rest] = error.message.replace(/^error: /, '').split('\n');
      const suggestion = rest.join(' ').match(/\(Did you mean (.+)\?\)/)?.[1];
      const hint = suggestion ? `did you mean ${suggestion}? see \`mmbatch-auth --help\`` : 'see `mmbatch-auth --help`';
      return reportError(new UsageError(message, { hint }), runtime.io, verbose);
    }
    return reportError(error, runtime.io, verbose);
  }
}
