// What every command's run(options, ctx) receives besides its options: streams, the global
// options, the environment, the settings file, lazily-built AWS clients, a prompter and a logger.
// Tests build one with fakes; cli/program.ts builds the real one.
import type { IO } from './io/streams.js';
import { writeLine } from './io/streams.js';
import { SettingsFile } from '../config/settings.js';
import { settingsPath } from '../config/paths.js';
import type { AwsClients } from '../aws/clients.js';
import { MissingValueError } from '../errors.js';
import type { Prompter } from './io/prompter.js';
import { keepSecret, redactText } from '../redact.js';
import { NODE_DEBUG_WARNING, nodeDebugPrintsRequests } from '../nodeDebug.js';
import { visibleControls } from '../terminalText.js';
import { validateEndpointUrl } from '../validate.js';
import { setUserAgentCommand } from '../aws/policy.js';
import type { GlobalOptions } from '../commands/shared.js';

export type { GlobalOptions };

export interface Logger {
  /** Progress for people, on stderr; silent under --json so machines see only the document. */
  info(line: string): void;
  /** Always shown on stderr (e.g. --insecure). */
  warn(line: string): void;
  /** Each AWS and server call under --verbose, secrets already redacted by the caller. */
  verbose(line: string): void;
}

export interface Context {
  io: IO;
  env: NodeJS.ProcessEnv;
  globals: GlobalOptions;
  /** False with --yes, CI, or when stdin is not a TTY: then a missing value is an error. */
  interactive: boolean;
  /** The settings file: one record per setup name (select one with config/selectedSetup.ts). */
  settings: SettingsFile;
  log: Logger;
  prompter: Prompter;
  /** The run's AWS clients, built on first use; `region` (the wizard's choice) stands in for --region then. */
  aws(options?: { region?: string }): Promise<AwsClients>;
  now(): number;
}

export interface ContextOverrides {
  aws?: (options?: { region?: string }) => Promise<AwsClients>;
  prompter?: Prompter;
  now?: () => number;
}

const SECRET_ENV = ['MMBATCH_AUTH_PASSWORD', 'MMBATCH_AUTH_MFA_CODE', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'];

export function isInteractive(io: IO, globals: GlobalOptions, env: NodeJS.ProcessEnv): boolean {
  return !globals.yes && io.stdinIsTTY && !env.CI;
}

export function createContext(
  io: IO,
  env: NodeJS.ProcessEnv,
  globals: GlobalOptions,
  overrides: ContextOverrides = {},
  /** The command's path (`users add`), named in the AWS user agent so a call log can tell which command called what. */
  commandName?: string,
): Context {
  const log: Logger = {
    // Log lines name values that are not ours (pools, servers, AWS's words): controls shown escaped.
    info: (line) => {
      if (!globals.json) writeLine(io.err, visibleControls(line));
    },
    warn: (line) => writeLine(io.err, `mmbatch-auth: warning: ${visibleControls(redactText(line))}`),
    verbose: (line) => {
      if (globals.verbose) writeLine(io.err, visibleControls(redactText(line)));
    },
  };
  // The secrets the environment gives this run are never shown, whichever command reads them.
  for (const name of SECRET_ENV) keepSecret(env[name]);
  if (nodeDebugPrintsRequests(env)) log.warn(NODE_DEBUG_WARNING);
  // Where AWS calls go is checked before any is made (the SDK would fail deep inside with a TypeError).
  if (globals.endpointUrl) validateEndpointUrl(globals.endpointUrl);
  for (const [key, value] of Object.entries(env)) if (/^AWS_ENDPOINT_URL(_[A-Z0-9_]+)?$/.test(key) && value) validateEndpointUrl(value, key);
  if (commandName) setUserAgentCommand(commandName);
  let clients: Promise<AwsClients> | undefined;
  const interactive = isInteractive(io, globals, env);
  return {
    io,
    env,
    globals,
    interactive,
    settings: new SettingsFile(settingsPath(globals.config, env)),
    log,
    prompter: overrides.prompter ?? lazyPrompter(io),
    aws:
      overrides.aws ??
      ((options = {}) => {
        clients ??= import('../aws/clients.js').then(({ createAwsClients }) =>
          createAwsClients(
            { region: options.region ?? globals.region, profile: globals.profile, endpointUrl: globals.endpointUrl, verbose: log.verbose, warn: log.warn },
            env,
          ),
        );
        return clients;
      }),
    now: overrides.now ?? Date.now,
  };
}

function lazyPrompter(io: IO): Prompter {
  const load = () => import('./io/prompter.js').then(({ inquirerPrompter }) => inquirerPrompter(io));
  return {
    input: async (options) => (await load()).input(options),
    password: async (options) => (await load()).password(options),
    confirm: async (options) => (await load()).confirm(options),
    select: async (options) => (await load()).select(options),
  };
}

/**
 * A value from a flag, the environment, or (interactively) a prompt; otherwise the error names
 * the flag. Validation runs on every source alike.
 */
export async function requireValue(
  ctx: Context,
  spec: {
    what: string;
    flag: string;
    env?: string;
    value?: string;
    prompt?: string;
    secret?: boolean;
    validate?: (value: string) => string;
  },
): Promise<string> {
  const given = spec.value ?? (spec.env ? ctx.env[spec.env] : undefined);
  if (given !== undefined && given !== '') return spec.validate ? spec.validate(given) : given;
  if (!ctx.interactive) throw new MissingValueError(spec.what, spec.flag, spec.env);
  const message = spec.prompt ?? `${spec.what[0].toUpperCase()}${spec.what.slice(1)}:`;
  const answer = spec.secret
    ? kept(await ctx.prompter.password({ message }))
    : await ctx.prompter.input({
        message,
        validate: (value) => {
          try {
            spec.validate?.(value);
            return true;
          } catch (error) {
            return (error as Error).message;
          }
        },
      });
  return spec.validate ? spec.validate(answer) : answer;
}

function kept(secret: string): string {
  keepSecret(secret);
  return secret;
}
