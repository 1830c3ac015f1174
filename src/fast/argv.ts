// `token`'s argv on the fast path, parsed by node:util's parseArgs over the same option specs the
// full CLI builds commander from (commands/token/spec.ts and the global options), so the two can
// never disagree on which flags exist. What each flag means here is the table below, which must
// name every one of them (the compiler checks): it changes the token printed, it does not matter
// for a cached token, or it needs the full CLI.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { OptionSpec } from '../commands/define.js';
import { attributeOf, optionsFrom } from '../commands/define.js';
import { GLOBAL_OPTIONS } from '../commands/shared.js';
import { TOKEN_OPTIONS } from '../commands/token/spec.js';

type Role = 'use' | 'ignore' | 'defer';

/** Every flag `token` takes: used for the answer, irrelevant to a cached token, or the full CLI's to handle. */
const ROLES = {
  // global
  region: 'use',
  config: 'use',
  json: 'use',
  yes: 'ignore',
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
  insecure: 'ignore', // the full CLI warns about it; a cached token makes no server call to warn about
  passwordStdin: 'ignore',
  newPasswordStdin: 'ignore',
  mfaCodeStdin: 'ignore',
  flow: 'ignore', // checked against its choices below, as commander does
  cache: 'defer', // --no-cache: never read the cache
} as const satisfies Record<keyof typeof GLOBAL_OPTIONS | keyof typeof TOKEN_OPTIONS, Role>;

const GLOBAL_SPECS: Record<string, OptionSpec> = GLOBAL_OPTIONS;
const TOKEN_SPECS: Record<string, OptionSpec> = TOKEN_OPTIONS;
/** What commander adds to every command itself. */
const BUILT_IN: Record<string, OptionSpec> = {
  help: { flag: '--help', short: '-h', description: 'help' },
  version: { flag: '--version', short: '-v', description: 'version' },
};

export interface FastTokenArgs {
  config?: string;
  name?: string;
  region?: string;
  userPoolId?: string;
  clientId?: string;
  server?: string;
  username?: string;
  json: boolean;
  idToken: boolean;
}

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

/** parseArgs' view of the flags: the global ones before `token`, all of them after it. */
export const FAST_OPTIONS = {
  beforeCommand: parseConfig({ ...GLOBAL_SPECS, ...BUILT_IN }),
  afterCommand: parseConfig({ ...GLOBAL_SPECS, ...TOKEN_SPECS, ...BUILT_IN }),
};

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>): ReturnType<typeof parseArgs<{ options: typeof options; strict: true; allowPositionals: true; tokens: true }>> | string {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: true, tokens: true });
  } catch (error) {
    // An unknown flag, or a value given to a switch (`--json=yes`), commander refuses as well; a
    // missing or dash-led value (`--username --json`) is commander's to judge.
    const { code, message } = error as { code?: string; message: string };
    const refused = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || /does not take an argument/.test(message);
    return `${refused ? 'unknown' : 'defer'}:${message}`;
  }
}

/** argv as the fast path reads it: a cached token it may print, or why the full CLI must decide. */
export function parseFastTokenArgs(argv: string[]): FastParse {
  const command = argv.indexOf('token');
  if (command < 0) return { kind: 'defer', reason: 'not the token command' };
  if (argv.slice(0, command).includes('--')) return { kind: 'defer', reason: '-- before the command' };
  const before = parse(argv.slice(0, command), FAST_OPTIONS.beforeCommand);
  const after = parse(argv.slice(command + 1), FAST_OPTIONS.afterCommand);
  for (const result of [before, after]) {
    if (typeof result === 'string') return result.startsWith('unknown:') ? { kind: 'invalid', reason: result.slice(8) } : { kind: 'defer', reason: result.slice(6) };
  }
  if (typeof before === 'string' || typeof after === 'string') throw new Error('unreachable');
  // Before `token`, only options: a word there is another command (`users token`), or a global's value.
  if (before.positionals.length) return { kind: 'defer', reason: `'${before.positionals[0]}' before token` };
  if (after.tokens.some((token) => token.kind === 'option-terminator')) return { kind: 'defer', reason: '--' };
  if (after.positionals.length) return { kind: 'invalid', reason: `unexpected argument '${after.positionals[0]}'` };

  const values: Record<string, unknown> = {};
  const all: Record<string, OptionSpec> = { ...GLOBAL_SPECS, ...TOKEN_SPECS, ...BUILT_IN };
  for (const [key, spec] of Object.entries(all)) {
    const value = after.values[spec.flag.slice(2)] ?? before.values[spec.flag.slice(2)];
    if (value === undefined) continue;
    if (key === 'help' || key === 'version') return { kind: 'defer', reason: spec.flag };
    if (typeof value === 'string' && spec.choices && !spec.choices.includes(value)) return { kind: 'invalid', reason: `${spec.flag} ${value}` };
    if (typeof value === 'string' && value.trim() === '') return { kind: 'defer', reason: `${spec.flag} is empty` };
    if (ROLES[key as keyof typeof ROLES] === 'defer') return { kind: 'defer', reason: spec.flag };
    // As commander records them: a `--no-x` flag given is x = false.
    values[attributeOf(spec.flag)] = spec.negate ? false : value;
  }
  const parsed = { ...optionsFrom(GLOBAL_OPTIONS, [], { values, args: [] }), ...optionsFrom(TOKEN_OPTIONS, [], { values, args: [] }) };
  return {
    kind: 'answer',
    args: {
      config: parsed.config,
      name: parsed.name,
      region: parsed.region,
      userPoolId: parsed.userPoolId,
      clientId: parsed.clientId,
      server: parsed.server,
      username: parsed.username,
      json: parsed.json,
      idToken: parsed.idToken,
    },
  };
}
