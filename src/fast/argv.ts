// `token`'s argv on the fast path, parsed by node:util's parseArgs over the same option specs the
// full CLI builds commander from (commands/token/spec.ts and the global options), so the two can
// never disagree on which flags exist. What each flag means here is the table below, which must
// name every one of them (the compiler checks): it changes the token printed, it does not matter
// for a cached token, or it needs the full CLI.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { OptionSpec, OptionsOf } from '../commands/define.js';
import { GLOBAL_OPTIONS } from '../commands/shared.js';
import { TOKEN_OPTIONS } from '../commands/token/spec.js';

type Role = 'use' | 'ignore' | 'defer';

/**
 * Every flag `token` takes: used for the answer or the lean sign-in (`use`: it lands in FastTokenArgs
 * under its key), irrelevant to them (`ignore`), or the full CLI's to handle (`defer`).
 */
const ROLES = {
  // global
  region: 'use',
  config: 'use',
  json: 'use',
  yes: 'use', // never prompt: a challenge the lean sign-in cannot answer is then an error, not a prompt
  color: 'ignore',
  profile: 'defer', // the region may come from the profile: the full CLI reads it
  endpointUrl: 'defer',
  dryRun: 'defer',
  verbose: 'defer', // --verbose explains itself: the full CLI says where the token came from
  // token
  name: 'use',
  userPoolId: 'use',
  clientId: 'use',
  server: 'use',
  username: 'use',
  idToken: 'use',
  caCert: 'ignore',
  insecure: 'use', // the full CLI warns about it before a sign-in; a cached token makes no call to warn about
  passwordStdin: 'use',
  newPasswordStdin: 'use',
  mfaCodeStdin: 'use',
  flow: 'use', // checked against its choices below, as commander does
  cache: 'defer', // --no-cache: never read the cache
} as const satisfies Record<keyof typeof GLOBAL_OPTIONS | keyof typeof TOKEN_OPTIONS, Role>;

const GLOBAL_SPECS: Record<string, OptionSpec> = GLOBAL_OPTIONS;
const TOKEN_SPECS: Record<string, OptionSpec> = TOKEN_OPTIONS;
/** What commander adds to every command itself. */
const BUILT_IN: Record<string, OptionSpec> = {
  help: { flag: '--help', short: '-h', description: 'help' },
  version: { flag: '--version', short: '-v', description: 'version' },
};

type AllOptions = OptionsOf<{ options: typeof GLOBAL_OPTIONS }> & OptionsOf<{ options: typeof TOKEN_OPTIONS }>;
type UsedKey = { [K in keyof typeof ROLES]: (typeof ROLES)[K] extends 'use' ? K : never }[keyof typeof ROLES];

/** What the flags the fast path uses said: the `use` rows of the table, typed as the full CLI types them. */
export type FastTokenArgs = { -readonly [K in UsedKey]?: AllOptions[K] } & { json: boolean; idToken: boolean };

export type FastParse =
  | { kind: 'answer'; args: FastTokenArgs }
  /** The full CLI handles it (and may well accept it). */
  | { kind: 'defer'; reason: string }
  /** The full CLI refuses it too: an unknown flag, a value outside its choices, a stray argument. */
  | { kind: 'invalid'; reason: string };

function parseConfig(specs: Record<string, OptionSpec>): NonNullable<ParseArgsConfig['options']> {
  return Object.fromEntries(
    Object.values(specs).map((spec) => [spec.flag.slice(2), { type: spec.value ? 'string' : 'boolean', ...(spec.short ? { short: spec.short.slice(1) } : {}) }]),
  ) as NonNullable<ParseArgsConfig['options']>;
}

const ALL_SPECS: Record<string, OptionSpec> = { ...GLOBAL_SPECS, ...TOKEN_SPECS, ...BUILT_IN };
/** parseArgs' view of the flags `token` takes (its own, the global ones, help and version). */
const FAST_OPTIONS = parseConfig(ALL_SPECS);
/** Long flag name (parseArgs' key) → spec key, for the flags allowed before the command: the global ones. */
const BEFORE_COMMAND = new Set(Object.values({ ...GLOBAL_SPECS, ...BUILT_IN }).map((spec) => spec.flag.slice(2)));
const KEY_OF = new Map(Object.entries(ALL_SPECS).map(([key, spec]) => [spec.flag.slice(2), key]));

/**
 * The part of FAST_OPTIONS that argv can use: the long flags it names and every one-letter flag.
 * parseArgs checks each option's definition on every call, which for all of them would cost this
 * path, whose budget is Node's own start-up, most of a millisecond; a flag argv does not name
 * changes nothing in how it parses, and an unknown one is refused all the same.
 */
function optionsNamedIn(argv: string[]): NonNullable<ParseArgsConfig['options']> {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, option] of Object.entries(FAST_OPTIONS)) {
    if (option.short || argv.some((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`))) options[name] = option;
  }
  return options;
}

/** argv as the fast path reads it: a cached token it may print, or why the full CLI must decide. */
export function parseFastTokenArgs(argv: string[]): FastParse {
  // Every other command (and --help) leaves at once: bin/ asks this first on every run.
  if (!argv.includes('token')) return { kind: 'defer', reason: 'not the token command' };
  // What scripts run in loops, answered without parseArgs (about a millisecond of a cold start).
  if (argv.length === 1) return { kind: 'answer', args: { json: false, idToken: false } };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: optionsNamedIn(argv), strict: true, allowPositionals: true, tokens: true });
  } catch (error) {
    // An unknown flag, or a value given to a switch (`--json=yes`), commander refuses as well; a
    // missing or dash-led value (`--username --json`) is commander's to judge.
    const { code, message } = error as { code?: string; message: string };
    const refused = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || /does not take an argument/.test(message);
    return { kind: refused ? 'invalid' : 'defer', reason: message };
  }
  let command = -1;
  for (const token of parsed.tokens) {
    if (token.kind === 'option-terminator') return { kind: 'defer', reason: '--' };
    if (token.kind === 'positional') {
      if (command >= 0) return { kind: 'invalid', reason: `unexpected argument '${token.value}'` };
      // Another command (`users token`), or a word commander would take for one.
      if (token.value !== 'token') return { kind: 'defer', reason: `'${token.value}' is not the token command` };
      command = token.index;
    } else if (command < 0 && !BEFORE_COMMAND.has(token.name)) {
      // Before the command, commander knows only the program's options: `--username u token` is refused.
      return { kind: 'invalid', reason: `unknown option '${token.rawName}'` };
    }
  }
  if (command < 0) return { kind: 'defer', reason: 'not the token command' };

  const args: FastTokenArgs = { json: false, idToken: false };
  for (const [name, value] of Object.entries(parsed.values)) {
    const key = KEY_OF.get(name)!;
    const spec = ALL_SPECS[key];
    if (key === 'help' || key === 'version') return { kind: 'defer', reason: spec.flag };
    if (typeof value === 'string') {
      if (spec.choices && !spec.choices.includes(value)) return { kind: 'invalid', reason: `${spec.flag} ${value}` };
      // The full CLI refuses an empty value for every flag (commands/define.ts optionsFrom).
      if (value.trim() === '') return { kind: 'invalid', reason: `${spec.flag} was given an empty value` };
    }
    const role: Role = ROLES[key as keyof typeof ROLES];
    if (role === 'defer') return { kind: 'defer', reason: spec.flag };
    if (role === 'use') (args as unknown as Record<string, unknown>)[key] = value;
  }
  return { kind: 'answer', args };
}
