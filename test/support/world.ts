// The one test world: a local stack (test/support/stack.mjs), a stand-in MMBatch server that trusts
// its tokens, the real SDK clients to look at AWS state with (Describe/Get/List, so a test asserts
// what a run left behind rather than what the CLI says it did), private homes, and the real binary
// to run. With `setup: true` the operator's home has run the real `setup` first (the token, login,
// users and api tests start from there).
import { CognitoIdentityProviderClient, DescribeUserPoolClientCommand, DescribeUserPoolCommand, ListUserPoolClientsCommand, ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoIdentityClient, DescribeIdentityPoolCommand, GetIdentityPoolRolesCommand, ListIdentityPoolsCommand } from '@aws-sdk/client-cognito-identity';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
// @ts-expect-error: plain JS test support
import { startStack } from './stack.mjs';
// @ts-expect-error: plain JS test support
import { startMmbatchServer } from './mmbatch-server.mjs';
// @ts-expect-error: plain JS test support
import { ROOT, runCli, tempHome } from './cli.mjs';

export { ROOT, runCli, tempHome };

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

export interface CliOptions {
  home?: Home;
  env?: Record<string, string>;
  stdin?: string;
  /** false: the environment of a compute node, without any AWS credentials, shared config or profile. */
  credentials?: boolean;
}

export interface World {
  stack: any;
  /** The stand-in server (absent with `server: false`). */
  server: any;
  idp: CognitoIdentityProviderClient;
  identity: CognitoIdentityClient;
  iam: IAMClient;
  /** The operator's home; with `setup: true`, where setup ran (its settings file names the pool, client and admin). */
  home: Home;
  /** Another stand-in server trusting the same stack's tokens (stopped with the world). */
  startServer(options?: Record<string, unknown>): Promise<any>;
  /** The stack's environment (with AWS credentials) plus a home. */
  env(home?: Home): Record<string, string>;
  /** The same without any AWS credentials, shared config or profile: what a compute node has. */
  envWithoutCredentials(home?: Home): Record<string, string>;
  cli(args: string[], options?: CliOptions): Promise<CliResult>;
  // What exists, asked through the SDK.
  userPool(id: string): Promise<boolean>;
  appClient(userPoolId: string, id: string): Promise<boolean>;
  identityPool(id: string): Promise<boolean>;
  role(arnOrName: string): Promise<boolean>;
  identityPoolRoles(id: string): Promise<Record<string, string>>;
  deletionProtection(id: string): Promise<string | undefined>;
  userPoolsNamed(name: string): Promise<any[]>;
  appClientsIn(userPoolId: string): Promise<any[]>;
  identityPoolsNamed(name: string): Promise<any[]>;
  /** The IDs a settings file records that do not exist: [] when the file is true to what exists. */
  recordedButMissing(settings: Record<string, any>): Promise<string[]>;
  stop(): Promise<void>;
}

export interface SetUpWorld extends World {
  userPoolId: string;
  clientId: string;
}

const NOT_FOUND = new Set(['ResourceNotFoundException', 'NoSuchEntityException', 'NoSuchEntity']);

async function exists(call: Promise<unknown>): Promise<boolean> {
  try {
    await call;
    return true;
  } catch (error) {
    if (NOT_FOUND.has((error as Error).name)) return false;
    throw error;
  }
}

export interface WorldOptions {
  /** The stand-in server on HTTPS with a self-signed certificate. */
  tls?: boolean;
  /** false: no stand-in server (the test starts its own with startServer). */
  server?: boolean;
  /** Run the real `setup` in the operator's home first. */
  setup?: boolean;
  /** Every AWS call answered this late (emulated latency). */
  delayMs?: number;
}

export async function startWorld(options: WorldOptions & { setup: true }): Promise<SetUpWorld>;
export async function startWorld(options?: WorldOptions): Promise<World>;
export async function startWorld(options: WorldOptions = {}): Promise<World | SetUpWorld> {
  const stack = await startStack({ delayMs: options.delayMs ?? 0 });
  const servers: any[] = [];
  const startServer = async (serverOptions: Record<string, unknown> = {}) => {
    const started = await startMmbatchServer({
      issuerFor: (_region: string, poolId: string) => stack.issuer(poolId),
      jwksUriFor: (_region: string, poolId: string) => stack.jwksUri(poolId),
      ...serverOptions,
    });
    servers.push(started);
    return started;
  };
  const server = options.server === false ? undefined : await startServer({ tls: options.tls ?? false });
  const common = { region: stack.region, endpoint: stack.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  const idp = new CognitoIdentityProviderClient(common);
  const identity = new CognitoIdentityClient(common);
  const iam = new IAMClient(common);
  const home: Home = tempHome();
  const nowhereDir = mkdtempSync(join(tmpdir(), 'mmbatch-auth-nocreds-'));
  const nowhere = join(nowhereDir, 'absent');
  const env = (h: Home = home) => ({ ...stack.env(), ...h.env });
  const envWithoutCredentials = (h: Home = home) => ({
    ...h.env,
    AWS_ENDPOINT_URL: stack.endpoint,
    AWS_REGION: stack.region,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SHARED_CREDENTIALS_FILE: nowhere,
    AWS_CONFIG_FILE: nowhere,
    HOME: h.dir,
  });
  const cli: World['cli'] = (args, cliOptions = {}) =>
    runCli(args, {
      env: { ...(cliOptions.credentials === false ? envWithoutCredentials(cliOptions.home) : env(cliOptions.home)), ...cliOptions.env },
      stdin: cliOptions.stdin ?? '',
    });

  const world: World = {
    stack,
    server,
    idp,
    identity,
    iam,
    home,
    startServer,
    env,
    envWithoutCredentials,
    cli,
    userPool: (id) => exists(idp.send(new DescribeUserPoolCommand({ UserPoolId: id }))),
    appClient: (userPoolId, id) => exists(idp.send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: id }))),
    identityPool: (id) => exists(identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: id }))),
    role: (arnOrName) => exists(iam.send(new GetRoleCommand({ RoleName: arnOrName.split('/').pop() }))),
    identityPoolRoles: async (id) => (await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: id }))).Roles ?? {},
    deletionProtection: async (id) => (await idp.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool?.DeletionProtection,
    userPoolsNamed: async (name) => ((await idp.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools ?? []).filter((p) => p.Name === name),
    appClientsIn: async (userPoolId) => (await idp.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }))).UserPoolClients ?? [],
    identityPoolsNamed: async (name) =>
      ((await identity.send(new ListIdentityPoolsCommand({ MaxResults: 60 }))).IdentityPools ?? []).filter((p) => p.IdentityPoolName === name),
    async recordedButMissing(settings) {
      const checks: [string, boolean][] = [
        ['userPoolId', settings.userPoolId && (await world.userPool(settings.userPoolId))],
        ['clientId', settings.clientId && (await world.appClient(settings.userPoolId ?? 'none_x', settings.clientId))],
        ['identityPoolId', settings.identityPoolId && (await world.identityPool(settings.identityPoolId))],
        ['roleArn', settings.roleArn && (await world.role(settings.roleArn))],
      ];
      return checks.filter(([key, found]) => settings[key] && !found).map(([key]) => key);
    },
    async stop() {
      idp.destroy();
      identity.destroy();
      iam.destroy();
      for (const started of servers.splice(0)) await started.stop();
      await stack.stop();
      home.cleanup();
      rmSync(nowhereDir, { recursive: true, force: true });
    },
  };
  if (!options.setup) return world;
  const setup = await cli(['setup', '--yes', '--json', '--admin-email', ADMIN, '--admin-password-stdin', ...(server ? ['--server', server.url] : [])], { stdin: PASSWORD });
  if (setup.code !== 0) throw new Error(`setup failed (${setup.code}): ${setup.stderr}`);
  const doc = JSON.parse(setup.stdout);
  return { ...world, userPoolId: doc.userPoolId, clientId: doc.clientId };
}

/** A home whose settings file is a copy of the operator's (same pool, client and admin), with an empty cache. */
export function homeWithSettingsOf(world: World): Home {
  const home: Home = tempHome();
  const settings = readFileSync(world.home.settingsFile, 'utf8');
  mkdirSync(join(home.env.XDG_CONFIG_HOME, 'mmbatch-auth'), { recursive: true, mode: 0o700 });
  writeFileSync(home.settingsFile, settings, { mode: 0o600 });
  return home;
}

/** The homes one test file makes, all removed when it ends: fresh copies of the operator's settings, or any other it tracks. */
export class Homes {
  private readonly all: Home[] = [];
  constructor(private readonly world: () => World) {}

  /** A copy of the operator's settings file and an empty cache. */
  fresh(): Home {
    return this.track(homeWithSettingsOf(this.world()));
  }

  /** An empty home: no settings file, no cache. */
  empty(): Home {
    return this.track(tempHome());
  }

  track(home: Home): Home {
    this.all.push(home);
    return home;
  }

  cleanup(): void {
    for (const home of this.all.splice(0)) home.cleanup();
  }
}

export function settingsOf(home: Home): any {
  return JSON.parse(readFileSync(home.settingsFile, 'utf8'));
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

/** Moves the cached access tokens' expiry into the past, as if an hour had gone by: the clock, not a sleep. */
export function expireCachedToken(home: Home): void {
  for (const file of tokenFiles(home)) {
    const record = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...record, expiresAt: Date.now() - 1000 }), { mode: 0o600 });
  }
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
/**
 * Runs the CLI recording every module file it loads: `loaded` in load order, `loadedAt` each one's
 * first load as epoch ms (sub-millisecond, comparable with the stack's call log).
 */
export async function runTraced(
  launcher: string,
  args: string[],
  env: Record<string, string>,
  stdin = '',
): Promise<CliResult & { loaded: string[]; loadedAt: Map<string, number> }> {
  const dir = mkdtempSync(join(tmpdir(), 'mmbatch-auth-trace-'));
  const log = join(dir, 'loaded.txt');
  writeFileSync(log, '');
  writeFileSync(
    join(dir, 'hooks.mjs'),
    "import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) { appendFileSync(process.env.MMBATCH_TEST_TRACE, url + '\\t' + (performance.timeOrigin + performance.now()) + '\\n'); return next(url, context); }\n",
  );
  writeFileSync(
    join(dir, 'trace.mjs'),
    [
      "import Module, { register } from 'node:module';",
      "import { appendFileSync } from 'node:fs';",
      "register('./hooks.mjs', import.meta.url);",
      'const load = Module._load;',
      "Module._load = function (request, parent, isMain) { const at = performance.timeOrigin + performance.now(); const loaded = load.apply(this, arguments); try { appendFileSync(process.env.MMBATCH_TEST_TRACE, Module._resolveFilename(request, parent, isMain) + '\\t' + at + '\\n'); } catch {} return loaded; };",
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
    child.stdin.on('error', () => undefined); // the CLI may exit before reading stdin
    child.stdin.end(stdin);
  });
  const loaded: string[] = [];
  const loadedAt = new Map<string, number>();
  for (const line of readFileSync(log, 'utf8').split('\n').filter(Boolean)) {
    const [file, at] = line.split('\t');
    loaded.push(file);
    if (!loadedAt.has(file)) loadedAt.set(file, Number(at));
  }
  rmSync(dir, { recursive: true, force: true });
  return { ...result, loaded, loadedAt };
}
