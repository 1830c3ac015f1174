// The command tree as commander sees it, built from the command specs (src/commands/tree.ts):
// commander only parses flags; each command's spec turns them into its typed options and hands them
// to its run(), loaded on demand (so `--help` and `token` stay fast). What only a command needs
// (the context: settings file, token cache, AWS clients) loads with it.
import type { Argument, Command, Option } from 'commander';
import type { IO } from './io/streams.js';
import type { ContextOverrides } from './context.js';
import { helpWidth, type OutputStream } from './help/pages.js';
import { optionsFrom, isGroup, type AnySpec, type ArgumentSpec, type OptionSpec } from '../commands/define.js';
import { GLOBAL_OPTIONS } from '../commands/shared.js';
import { COMMANDS, PROGRAM } from '../commands/tree.js';
import { VERSION } from '../version.js';

type Commander = typeof import('commander');

export interface CliRuntime {
  io: IO;
  env: NodeJS.ProcessEnv;
  /** Tests inject fakes here; production leaves it empty. */
  contextOverrides?: ContextOverrides;
}

export const terminal = (isTTY: boolean, stream: unknown): OutputStream => ({ isTTY, columns: (stream as OutputStream).columns });

function optionFlags(option: OptionSpec): string {
  return `${option.short ? `${option.short}, ` : ''}${option.flag}${option.value ? ` ${option.value}` : ''}`;
}

function optionOf(commander: Commander, spec: OptionSpec): Option {
  const option = new commander.Option(optionFlags(spec), spec.description);
  if (spec.choices) option.choices(spec.choices);
  if (spec.default !== undefined) option.default(spec.default);
  if (spec.hidden) option.hideHelp();
  return option;
}

function argumentOf(commander: Commander, spec: ArgumentSpec): Argument {
  const name = `${spec.name}${spec.variadic ? '...' : ''}`;
  const argument = new commander.Argument(spec.required ? `<${name}>` : `[${name}]`, spec.description);
  if (spec.choices) argument.choices(spec.choices);
  return argument;
}

function examples(command: Command, lines: readonly string[]): void {
  if (lines.length) command.addHelpText('after', `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`);
}

/** `users add` for the command object of `users add`. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let at: Command | null = command; at?.parent; at = at.parent) names.unshift(at.name());
  return names.join(' ');
}

export function buildProgram(runtime: CliRuntime, commander: Commander): Command {
  const program = new commander.Command(PROGRAM.name).description(PROGRAM.description).version(VERSION, '-v, --version', 'print the version');
  for (const option of Object.values(GLOBAL_OPTIONS)) program.addOption(optionOf(commander, option));
  program
    .configureHelp({ showGlobalOptions: true })
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => runtime.io.out.write(text),
      writeErr: (text) => runtime.io.err.write(text),
      getOutHelpWidth: () => helpWidth(terminal(runtime.io.stdoutIsTTY, runtime.io.out)),
      getErrHelpWidth: () => helpWidth(terminal(runtime.io.stderrIsTTY, runtime.io.err)),
      outputError: () => {
        // reportError prints the one-line message and the exit code; commander stays quiet.
      },
    });
  examples(program, PROGRAM.examples);

  const add = (parent: Command, spec: AnySpec) => {
    const command = parent.command(spec.name).description(spec.description);
    if (isGroup(spec)) {
      for (const sub of spec.commands) add(command, sub);
      examples(command, spec.examples);
      return;
    }
    for (const argument of spec.args) command.addArgument(argumentOf(commander, argument));
    for (const option of Object.values(spec.options)) command.addOption(optionOf(commander, option));
    examples(command, spec.examples);
    command.action(async (...received: unknown[]) => {
      // commander calls back with the arguments, then the options, then the command itself.
      const self = received[received.length - 1] as Command;
      const globals = optionsFrom(GLOBAL_OPTIONS, [], { values: self.optsWithGlobals(), args: [] });
      const [{ createContext }] = await Promise.all([import('./context.js'), spec.preload()]);
      const ctx = createContext(runtime.io, runtime.env, globals, runtime.contextOverrides, commandPath(self));
      await spec.run({ values: self.opts(), args: received.slice(0, -2) }, ctx);
    });
  };
  for (const spec of COMMANDS) add(program, spec);
  return program;
}
