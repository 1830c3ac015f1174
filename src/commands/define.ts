// How a command is described: its flags and arguments as data (a spec), from which cli/program.ts
// builds commander, cli/help renders the help pages, fast/ parses `token`'s argv and completion
// writes shell scripts. The options a command's run() receives are typed from its spec
// (OptionsOf), so a run that reads a flag its spec lacks does not compile.
//
// A spec module imports nothing heavy: its run is named by a literal dynamic import(), which the
// bundler turns into the command's own chunk, loaded only when the command runs.
import type { Context } from '../cli/context.js';
import { UsageError } from '../errors.js';

export interface OptionSpec {
  /** The long flag: '--user-pool-id', '--no-cache' (with negate), '--no-server' (a plain switch). */
  flag: `--${string}`;
  /** A one-letter alias: '-y'. */
  short?: `-${string}`;
  /** The value's name in help ('<id>'); absent for a switch. */
  value?: `<${string}>`;
  description: string;
  choices?: readonly string[];
  /** For a value: what it is when the flag is not given. */
  default?: string;
  /** `--no-x`: true unless the flag is given. */
  negate?: true;
  /** In help and completion as a file name. */
  file?: true;
  hidden?: true;
}

export interface ArgumentSpec {
  name: string;
  description?: string;
  required?: true;
  variadic?: true;
  choices?: readonly string[];
}

export type OptionSpecs = Record<string, OptionSpec>;

/** What run() receives for one option. */
type ValueOf<O extends OptionSpec> = O extends { value: string }
  ? O extends { choices: readonly (infer C)[] }
    ? O extends { default: string }
      ? C
      : C | undefined
    : O extends { default: string }
      ? string
      : string | undefined
  : boolean;

type ArgumentsOf<A extends readonly ArgumentSpec[]> = {
  // Only the tuple's own positions ('0', '1', ...): `number` and the array methods are keys too.
  [I in keyof A as I extends `${number}` ? (A[I] extends { name: infer N extends string } ? N : never) : never]: A[I] extends { variadic: true }
    ? string[]
    : A[I] extends { required: true }
      ? A[I] extends { choices: readonly (infer C)[] }
        ? C
        : string
      : string | undefined;
};

/** The options record a command's run() receives: each option by its key, each argument by its name. */
export type OptionsOf<S extends { options: OptionSpecs; args?: readonly ArgumentSpec[] }> = {
  readonly [K in keyof S['options']]: ValueOf<S['options'][K]>;
} & (S['args'] extends readonly ArgumentSpec[] ? Readonly<ArgumentsOf<S['args']>> : unknown);

export type Run<O> = (options: O, ctx: Context) => Promise<void>;

interface Described {
  name: string;
  description: string;
  /** Shown under "Examples:" in the command's help, each a whole command line. */
  examples: readonly string[];
}

/** What commander parsed for a command: its option values by attribute, and its arguments. */
export interface ParsedInput {
  values: Record<string, unknown>;
  args: readonly unknown[];
}

export interface CommandSpec extends Described {
  options: OptionSpecs;
  args: readonly ArgumentSpec[];
  /** Starts loading the command's module (the bundle's chunk for it); run() awaits the same load. */
  preload(): Promise<unknown>;
  /** Loads the command's run and calls it with the options typed from this spec. */
  run(input: ParsedInput, ctx: Context): Promise<void>;
}

export interface GroupSpec extends Described {
  commands: readonly AnySpec[];
}

export type AnySpec = CommandSpec | GroupSpec;

export function isGroup(spec: AnySpec): spec is GroupSpec {
  return 'commands' in spec;
}

/** Option specs with their literal types kept (choices, flags), for OptionsOf to read. */
export function options<const O extends OptionSpecs>(specs: O): O {
  return specs;
}

/**
 * A command: its flags and arguments, and its run (loaded on demand), which must accept exactly the
 * options the spec declares.
 */
export function defineCommand<const O extends OptionSpecs, const A extends readonly ArgumentSpec[] = []>(spec: {
  name: string;
  description: string;
  examples: readonly string[];
  options: O;
  args?: A;
  load: () => Promise<Run<OptionsOf<{ options: O; args: A }>>>;
}): CommandSpec {
  const args = spec.args ?? ([] as unknown as A);
  let loading: ReturnType<typeof spec.load> | undefined;
  const load = () => (loading ??= spec.load());
  return {
    name: spec.name,
    description: spec.description,
    examples: spec.examples,
    options: spec.options,
    args,
    preload: load,
    async run(input, ctx) {
      const run = await load();
      await run(optionsFrom<O, A>(spec.options, args, input), ctx);
    },
  };
}

/** A command of subcommands (`users add|list|remove`): it only groups them. */
export function defineGroup(spec: GroupSpec): GroupSpec {
  return spec;
}

/** The attribute commander stores an option under: '--user-pool-id' → userPoolId, '--no-cache' → cache. */
export function attributeOf(flag: string): string {
  return flag.replace(/^--(no-)?/, '').replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/**
 * The options record of a spec from what the parser found. The one place parsed values become
 * typed ones: a value option is its string (or its default), a switch is true when given, a
 * `--no-x` option is false when given, and `--no-server` beside `--server <url>` is its own switch.
 * A value given empty (or blank) is bad usage, whatever the flag.
 */
export function optionsFrom<O extends OptionSpecs, A extends readonly ArgumentSpec[]>(
  specs: O,
  args: A,
  input: ParsedInput,
): OptionsOf<{ options: O; args: A }> {
  const out: Record<string, unknown> = {};
  for (const [key, option] of Object.entries(specs)) {
    const value = input.values[attributeOf(option.flag)];
    // `--region ''` (an unset variable in a script) is a mistake, never "use the default": refused
    // here for every flag at once, as --name always was, before anything falls back.
    if (option.value && typeof value === 'string' && value.trim() === '') throw new UsageError(`${option.flag} was given an empty value`);
    if (option.value) out[key] = typeof value === 'string' ? value : option.default;
    else if (option.negate) out[key] = value !== false;
    else if (option.flag.startsWith('--no-')) out[key] = value === false;
    else out[key] = value === true;
  }
  args.forEach((arg, index) => {
    const value = input.args[index];
    out[arg.name] = arg.variadic ? (Array.isArray(value) ? value.map(String) : []) : value === undefined ? undefined : String(value);
  });
  return out as OptionsOf<{ options: O; args: A }>;
}
