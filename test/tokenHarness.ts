// What the token, login, users and api tests share: one local stack and stand-in server per test
// file, a pool made by the real `setup`, a private home per test, and helpers to look at the cache.
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
// @ts-expect-error: plain JS test support
import { startStack } from './support/stack.mjs';
// @ts-expect-error: plain JS test support
import { startMmbatchServer } from './support/mmbatch-server.mjs';
// @ts-expect-error: plain JS test support
import { ROOT, runCli, tempHome } from './support/cli.mjs';

export { runCli, tempHome };

// The SDK's notice about Node 20's support window is noise in test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export const ADMIN = 'ops@example.com';
export const PASSWORD = 'Token-Test-Pass-123!';

export interface Home {
  dir: string;
  env: Record<string, string>;
  settingsFile: string;
  cleanup(): void;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface World {
  stack: any;
  server: any;
  idp: CognitoIdentityProviderClient;
  /** The operator's home, where setup ran: its settings file names the pool, client and admin. */
  home: Home;
  userPoolId: string;
  clientId: string;
  /** The stack's environment (with AWS credentials) plus a home. */
  env(home?: Home): Record<string, string>;
  /** The same without any AWS credentials, shared config or profile: what a compute node has. */
  envWithoutCredentials(home?: Home): Record<string, string>;
  cli(args: string[], options?: { home?: Home; env?: Record<string, string>; stdin?: string; credentials?: boolean }): Promise<CliResult>;
  stop(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  const stack = await startStack();
  const server = await startMmbatchServer({
    issuerFor: (_region: string, poolId: string) => stack.issuer(poolId),
    jwksUriFor: (_region: string, poolId: string) => stack.jwksUri(poolId),
  });
  const idp = new CognitoIdentityProviderClient({
    region: stack.region,
    endpoint: stack.endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const home: Home = tempHome();
  const env = (h: Home = home) => ({ ...stack.env(), ...h.env });
  const nowhereDir = mkdtempSync(join(tmpdir(), 'mmbatch-auth-nocreds-'));
  const nowhere = join(nowhereDir, 'absent');
  const envWithoutCredentials = (h: Home = home) => ({
    ...h.env,
    AWS_ENDPOINT_URL: stack.endpoint,
    AWS_REGION: stack.region,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SHARED_CREDENTIALS_FILE: nowhere,
    AWS_CONFIG_FILE: nowhere,
    HOME: h.dir,
  });
  const cli: World['cli'] = (args, options = {}) =>
    runCli(args, {
      env: { ...(options.credentials === false ? envWithoutCredentials(options.home) : env(options.home)), ...options.env },
      stdin: options.stdin ?? '',
    });
  const setup = await cli(['setup', '--yes', '--json', '--admin-email', ADMIN, '--admin-password-stdin', '--server', server.url], {
    stdin: PASSWORD,
  });
  if (setup.code !== 0) throw new Error(`setup failed (${setup.code}): ${setup.stderr}`);
  const doc = JSON.parse(setup.stdout);
  return {
    stack,
    server,
    idp,
    home,
    userPoolId: doc.userPoolId,
    clientId: doc.clientId,
    env,
    envWithoutCredentials,
    cli,
    async stop() {
      idp.destroy();
      await server.stop();
      await stack.stop();
      home.cleanup();
      rmSync(nowhereDir, { recursive: true, force: true });
    },
  };
}

/** A home whose settings file is a copy of the operator's (same pool, client and admin), with an empty cache. */
export function homeWithSettingsOf(world: World): Home {
  const home: Home = tempHome();
  const settings = readFileSync(world.home.settingsFile, 'utf8');
  const dir = join(home.env.XDG_CONFIG_HOME, 'mmbatch-auth');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(home.settingsFile, settings, { mode: 0o600 });
  return home;
}

/** The homes one test file makes, all removed when it ends: fresh copies of the operator's settings, or any other it tracks. */
export class Homes {
  private readonly all: Home[] = [];
  constructor(private readonly world: () => World) {}

  fresh(): Home {
    return this.track(homeWithSettingsOf(this.world()));
  }

  track(home: Home): Home {
    this.all.push(home);
    return home;
  }

  cleanup(): void {
    for (const home of this.all.splice(0)) home.cleanup();
  }
}

export function cacheDirOf(home: Home): string {
  return join(home.env.XDG_CACHE_HOME, 'mmbatch-auth');
}

export function tokenFiles(home: Home): string[] {
  try {
    return readdirSync(cacheDirOf(home))
      .filter((name) => name.startsWith('token-'))
      .map((name) => join(cacheDirOf(home), name));
  } catch {
    return [];
  }
}

export function readTokenFile(home: Home): any {
  const files = tokenFiles(home);
  if (files.length !== 1) throw new Error(`expected one token file, found ${files.length}`);
  return JSON.parse(readFileSync(files[0], 'utf8'));
}

/** Moves the cached access token's expiry into the past, as if an hour had gone by: the clock, not a sleep. */
export function expireCachedToken(home: Home): void {
  const [file] = tokenFiles(home);
  const record = JSON.parse(readFileSync(file, 'utf8'));
  writeFileSync(file, JSON.stringify({ ...record, expiresAt: Date.now() - 1000 }), { mode: 0o600 });
}

export function modeOf(path: string): number {
  return statSync(path).mode & 0o777;
}

export function jwtClaims(token: string): Record<string, any> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

/** The operations the stack saw since the last resetCalls. */
export function operations(world: World): string[] {
  return world.stack.calls.map((call: any) => call.operation);
}

/** The launcher package.json declares (CommonJS: the faster start). */
export const LAUNCHERS = { cjs: join(ROOT, 'bin', 'mmbatch-auth.cjs') };

/**
 * Runs a launcher with a preload that records every module file Node loads (ES modules through a
 * loader hook, CommonJS through Module._load), to prove which code a run needed.
 */
export async function runTraced(
  launcher: string,
  args: string[],
  env: Record<string, string>,
): Promise<CliResult & { loaded: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'mmbatch-auth-trace-'));
  const log = join(dir, 'loaded.txt');
  writeFileSync(log, '');
  writeFileSync(
    join(dir, 'hooks.mjs'),
    "import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) { appendFileSync(process.env.MMBATCH_TEST_TRACE, url + '\\n'); return next(url, context); }\n",
  );
  writeFileSync(
    join(dir, 'trace.mjs'),
    [
      "import Module, { register } from 'node:module';",
      "import { appendFileSync } from 'node:fs';",
      "register('./hooks.mjs', import.meta.url);",
      'const load = Module._load;',
      "Module._load = function (request, parent, isMain) { const loaded = load.apply(this, arguments); try { appendFileSync(process.env.MMBATCH_TEST_TRACE, Module._resolveFilename(request, parent, isMain) + '\\n'); } catch {} return loaded; };",
    ].join('\n'),
  );
  const result = await new Promise<CliResult>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', pathToFileURL(join(dir, 'trace.mjs')).href, launcher, ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, CI: '1', NO_COLOR: '1', ...env, MMBATCH_TEST_TRACE: log },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end();
  });
  const loaded = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  rmSync(dir, { recursive: true, force: true });
  return { ...result, loaded };
}
