// The cached `token` path: decide from argv, the settings file and one cache file whether a fresh
// token is at hand, and print it. Anything unusual returns false and the full CLI takes over, so
// this file may be incomplete but never different: it shares the target rules, the cache format
// and the output format with the full `token` command.
//
// It runs before the CLI is loaded and must stay light: node built-ins and a few small modules,
// never commander, the AWS SDK, chalk or even node:crypto (both launchers in bin/ load it on every run).
import { writeSync } from 'node:fs';
import { readFileIfExists } from './config/privateFile.js';
import { settingsPath } from './config/paths.js';
import { parseSettings } from './config/settingsDocument.js';
import { selectSetupName } from './config/selection.js';
import { recordedView } from './config/recorded.js';
import { isFresh, readCachedTokens } from './auth/tokenCache.js';
import { readDiscovery } from './auth/discoveryCache.js';
import { defaultUsername, planTarget, targetFromDiscovery, type RecordedTarget, type TargetFlags } from './auth/target.js';
import { formatTokenOutput } from './auth/tokenOutput.js';

interface FastTokenArgs extends TargetFlags {
  config?: string;
  name?: string;
  username?: string;
  json: boolean;
  idToken: boolean;
}

/** Flags that take a value and do not change which token is printed or how. */
const IGNORED_WITH_VALUE = new Set(['--ca-cert', '--mfa-code']);
/** The full CLI refuses a malformed code even when it is not needed; so must this path. */
const MFA_CODE = /^\d{6,8}$/;
/** Flags without a value that do not change which token is printed or how. */
const IGNORED_SWITCHES = new Set(['--yes', '-y', '--no-color', '--insecure', '--password-stdin', '--new-password-stdin']);
const FLOWS = new Set(['auto', 'srp', 'admin', 'password']);

/** argv in the shapes this path understands; undefined for anything else. */
export function parseFastTokenArgs(argv: string[]): FastTokenArgs | undefined {
  const args: FastTokenArgs = { json: false, idToken: false };
  let sawToken = false;
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let inline: string | undefined;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    if (eq > 0) {
      inline = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const value = (): string | undefined => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('-')) return undefined;
      i += 1;
      return next;
    };
    if (!arg.startsWith('-')) {
      if (sawToken || arg !== 'token') return undefined; // another command, or a stray argument
      sawToken = true;
      continue;
    }
    const takesValue = (): string | undefined => {
      const v = value();
      return v === undefined || v === '' ? undefined : v;
    };
    switch (arg) {
      case '--json':
      case '--id-token':
        if (inline !== undefined) return undefined;
        if (arg === '--json') args.json = true;
        else args.idToken = true;
        break;
      case '--config':
      case '--name':
      case '--username':
      case '--region':
      case '--user-pool-id':
      case '--client-id':
      case '--server': {
        const v = takesValue();
        if (v === undefined) return undefined;
        const key = ({ '--config': 'config', '--name': 'name', '--username': 'username', '--region': 'region', '--user-pool-id': 'userPoolId', '--client-id': 'clientId', '--server': 'server' } as const)[arg];
        args[key] = v;
        break;
      }
      case '--flow': {
        const v = takesValue();
        if (v === undefined || !FLOWS.has(v)) return undefined;
        break;
      }
      default:
        if (IGNORED_WITH_VALUE.has(arg)) {
          const v = takesValue();
          if (v === undefined || (arg === '--mfa-code' && !MFA_CODE.test(v.trim()))) return undefined;
        } else if (!IGNORED_SWITCHES.has(arg) || inline !== undefined) {
          return undefined; // --verbose, --no-cache, --help, --profile, -- ...: the full CLI
        }
    }
  }
  return sawToken ? args : undefined;
}

/** The selected setup's record, seen flat; undefined when the full CLI must decide (several setups, no choice). */
function readRecorded(path: string, name: string | undefined, env: NodeJS.ProcessEnv): RecordedTarget | undefined {
  const text = readFileIfExists(path);
  const document = text === undefined ? { version: 2 as const, setups: {} } : parseSettings(text, path);
  const selected = selectSetupName(document, name, env, path);
  return recordedView(selected.name, document.setups[selected.name]);
}

export interface TextSink {
  write(text: string): unknown;
}

/**
 * stdout without process.stdout: creating that stream (net, stream, tty modules) costs a few
 * milliseconds this path cannot spare. A pipe or file takes a token in one write; should fd 1 be
 * non-blocking and full, the rest goes through process.stdout after all.
 */
export const stdoutSink: TextSink = {
  write(text) {
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    try {
      while (written < bytes.length) written += writeSync(1, bytes, written);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      process.stdout.write(bytes.subarray(written));
    }
  },
};

/** The token text to print, or undefined whenever the full CLI must decide. */
export function cachedTokenOutput(argv: string[], env: NodeJS.ProcessEnv, now: number = Date.now()): string | undefined {
  try {
    const args = parseFastTokenArgs(argv);
    if (!args) return undefined;
    const recorded = readRecorded(settingsPath(args.config, env), args.name, env);
    if (!recorded) return undefined;
    const plan = planTarget(args, recorded, env);
    let target;
    if (plan.kind === 'pool') target = plan.target;
    else if (plan.kind === 'discover') {
      const found = readDiscovery(env, plan.serverUrl);
      if (!found) return undefined;
      target = targetFromDiscovery(found, args, env);
    } else return undefined;
    if (!target.region) return undefined;
    const username = defaultUsername(args.username, recorded, target, env);
    if (!username) return undefined;
    const key = { region: target.region, userPoolId: target.userPoolId, clientId: target.clientId, username };
    const cached = readCachedTokens(env, key);
    if (!cached || !isFresh(cached, now)) return undefined;
    return formatTokenOutput(cached, username, args);
  } catch {
    return undefined; // unreadable files, bad JSON: the full CLI reports them properly
  }
}

/** Prints a fresh cached token and returns true; returns false whenever the full CLI must decide. */
export function printCachedToken(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  out: TextSink = stdoutSink,
  now: number = Date.now(),
): boolean {
  const text = cachedTokenOutput(argv, env, now);
  if (text === undefined) return false;
  try {
    out.write(text);
  } catch {
    // The reader went away (EPIPE): nothing to tell it, and running the full CLI would not help.
  }
  return true;
}
