// The command tree. Commander only parses flags into each command's options record; the command's
// own module (loaded on demand, so `--help` and `token` stay fast) does the work in run(). What
// only a command needs (the context: settings file, token cache, AWS clients) loads with it, and
// commander itself only when the answer is not a help page rendered at build time.
import type { Command } from 'commander';
import type { Context, ContextOverrides, GlobalOptions } from './context.js';
import { processIO, type IO } from './io.js';
import { ExitCode, UsageError } from './errors.js';
import { helpWidth, prerenderedOutput, type OutputStream } from './helpPages.js';
import { reportError } from './report.js';
import { VERSION } from './version.js';

type Commander = typeof import('commander');

const terminal = (isTTY: boolean, stream: unknown): OutputStream => ({ isTTY, columns: (stream as OutputStream).columns });

type Loader = () => Promise<{ run: (options: never, ctx: Context) => Promise<void> }>;

// A literal import() per command lets the bundler split each into its own chunk.
const commands = {
  setup: () => import('./commands/setup.js'),
  userPool: () => import('./commands/userPool.js'),
  appClient: () => import('./commands/appClient.js'),
  identityPool: () => import('./commands/identityPool.js'),
  selfSignup: () => import('./commands/selfSignup.js'),
  authFlows: () => import('./commands/authFlows.js'),
  users: () => import('./commands/users.js'),
  server: () => import('./commands/server.js'),
  token: () => import('./commands/token.js'),
  login: () => import('./commands/login.js'),
  logout: () => import('./commands/logout.js'),
  api: () => import('./commands/api.js'),
  status: () => import('./commands/status.js'),
  teardown: () => import('./commands/teardown.js'),
  use: () => import('./commands/use.js'),
} satisfies Record<string, Loader>;

export interface CliRuntime {
  io: IO;
  env: NodeJS.ProcessEnv;
  /** Tests inject fakes here; production leaves it empty. */
  contextOverrides?: ContextOverrides;
}

/** Secrets never go into argv, where every process on the machine can read them. */
function refusePasswordFlags(argv: string[]): void {
  for (const arg of argv) {
    if (arg === '--') break;
    const flag = /^--([\w-]*(password|secret|token)[\w-]*)(=.*)?$/i.exec(arg)?.[1];
    if (flag && !/-stdin$/.test(flag) && flag !== 'id-token' && flag !== 'token') {
      throw new UsageError(`--${flag} is not accepted: secrets never go on the command line`, {
        hint: 'use --password-stdin (or --admin-password-stdin), MMBATCH_AUTH_PASSWORD, or the prompt',
      });
    }
  }
}

function globalsOf(command: Command): GlobalOptions {
  const o = command.optsWithGlobals();
  return {
    region: o.region,
    profile: o.profile ?? undefined,
    endpointUrl: o.endpointUrl,
    config: o.config,
    json: Boolean(o.json),
    yes: Boolean(o.yes),
    dryRun: Boolean(o.dryRun),
    verbose: Boolean(o.verbose),
    color: o.color !== false,
  };
}

export function buildProgram(runtime: CliRuntime, { Command, Option }: Commander): Command {
  const program = new Command('mmbatch-auth');
  const action =
    (load: Loader, optionsOf: (command: Command, args: string[]) => Record<string, unknown> = (c) => c.opts()) =>
    async (...received: unknown[]) => {
      const command = received[received.length - 1] as Command;
      const args = received.slice(0, -2).map(String);
      const globals = globalsOf(command);
      const options = optionsOf(command, args);
      const [{ createContext }, { run }] = await Promise.all([import('./context.js'), load()]);
      const ctx = createContext(runtime.io, runtime.env, globals, runtime.contextOverrides);
      await run(options as never, ctx);
    };

  program
    .description('Put an MMBatch Management Server behind Amazon Cognito, safely and repeatably.')
    .version(VERSION, '-V, --version')
    .option('--region <region>', 'AWS region (else AWS_REGION, AWS_DEFAULT_REGION, the profile)')
    .option('--profile <profile>', 'AWS shared-config profile (else AWS_PROFILE)')
    .option('--endpoint-url <url>', 'send every AWS call there (emulators)')
    .option('--config <file>', 'the settings file (else MMBATCH_AUTH_CONFIG)')
    .option('--json', 'stdout carries exactly one JSON document')
    .option('-y, --yes', 'never prompt; a missing value is an error naming its flag')
    .option('--dry-run', 'print the plan, change nothing')
    .option('--verbose', 'each AWS and server call on stderr, secrets redacted')
    .option('--no-color', 'plain output (NO_COLOR is honoured too)')
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

  const serverOptions = (command: Command) =>
    command
      .option('--server <url>', 'the MMBatch server (else MMBATCH_SERVER)')
      .option('--ca-cert <file>', "the server's CA certificate (PEM), for its self-signed HTTPS")
      .option('--insecure', 'do not verify the server certificate (warns; never the default)');

  const setup = program
    .command('setup')
    .description('the whole walkthrough, in order, idempotently')
    .option('--name <base>', 'names every resource (default: mmbatch)')
    .option('--admin-email <email>', 'the first admin user')
    .option('--admin-password-stdin', "read the admin's password from stdin (else MMBATCH_AUTH_PASSWORD)")
    .option('--admin-group <group>', 'the admin group (the server\'s adminGroups)')
    .option('--auth-flows <list>', 'the client\'s auth flows, comma-separated')
    .option('--role-arn <arn>', 'reuse this IAM role instead of creating one')
    .option('--role-policy <file>', 'an IAM policy (JSON) to attach inline to the role')
    .option('--user-pool-id <id>', 'adopt this user pool (made by hand) instead of creating one')
    .option('--client-id <id>', 'adopt this app client of it')
    .option('--identity-pool-id <id>', 'adopt this identity pool');
  serverOptions(setup).action(action(commands.setup));

  const poolIdOption = (command: Command) => command.option('--user-pool-id <id>', 'the user pool (else the settings file)');
  const clientIdOption = (command: Command) => command.option('--client-id <id>', 'the app client (else the settings file)');

  const userPool = program.command('user-pool').description('the user pool (e-mail sign-in, self-registration off)');
  userPool.command('create').description('create or repair the user pool').option('--name <base>', 'the base name of the resources (default: mmbatch, or the settings file)').action(action(commands.userPool, (c) => ({ ...c.opts(), verb: 'create' })));
  poolIdOption(userPool.command('show').description('show the user pool').option('--name <base>', 'the base name of the resources (default: mmbatch, or the settings file)')).action(
    action(commands.userPool, (c) => ({ ...c.opts(), verb: 'show' })),
  );

  const appClient = program.command('app-client').description('the SPA app client (no secret)');
  poolIdOption(appClient.command('create').description('create or repair the app client').option('--name <base>', 'the base name of the resources (default: mmbatch, or the settings file)').option('--auth-flows <list>')).action(
    action(commands.appClient, (c) => ({ ...c.opts(), verb: 'create' })),
  );
  clientIdOption(poolIdOption(appClient.command('show').description('show the app client').option('--name <base>', 'the base name of the resources (default: mmbatch, or the settings file)'))).action(
    action(commands.appClient, (c) => ({ ...c.opts(), verb: 'show' })),
  );

  const identityPool = program.command('identity-pool').description('the identity pool (authenticated only) and its IAM role');
  clientIdOption(
    poolIdOption(
      identityPool
        .command('create')
        .description('create or repair the identity pool and its role')
        .option('--name <base>', 'the base name of the resources (default: mmbatch, or the settings file)')
        .option('--role-arn <arn>', 'reuse this IAM role')
        .option('--role-policy <file>', 'an inline IAM policy (JSON) for the role'),
    ),
  ).action(action(commands.identityPool, (c) => ({ ...c.opts(), verb: 'create' })));
  identityPool
    .command('show')
    .description('show the identity pool and its role')
    .option('--identity-pool-id <id>', 'the identity pool (else the settings file)')
    .option('--name <base>', 'the base name of the resources (default: mmbatch, or the settings file)')
    .action(action(commands.identityPool, (c) => ({ ...c.opts(), verb: 'show' })));

  const selfSignup = program.command('self-signup').description("the pool's self-registration switch");
  for (const verb of ['disable', 'enable', 'status'] as const) {
    poolIdOption(selfSignup.command(verb).description(`${verb === 'status' ? 'show' : verb} self-registration`).option('--name <name>', 'the setup (default: the only one, or `use`)')).action(
      action(commands.selfSignup, (c) => ({ ...c.opts(), verb })),
    );
  }

  const authFlows = program.command('auth-flows').description("the client's explicit auth flows");
  clientIdOption(poolIdOption(authFlows.command('set').argument('<flows>', 'comma-separated, e.g. USER_SRP_AUTH,REFRESH_TOKEN_AUTH').description('set the auth flows').option('--name <name>', 'the setup'))).action(
    action(commands.authFlows, (c, args) => ({ ...c.opts(), verb: 'set', flows: args[0] })),
  );
  clientIdOption(poolIdOption(authFlows.command('show').description('show the auth flows').option('--name <name>', 'the setup'))).action(
    action(commands.authFlows, (c) => ({ ...c.opts(), verb: 'show' })),
  );

  const users = program.command('users').description('manage users (self-registration is off)');
  poolIdOption(
    users
      .command('add')
      .argument('<email>')
      .description('add a user (Cognito e-mails a temporary password unless --password-stdin)')
      .option('--name <name>', 'the setup')
      .option('--admin', 'put the user in the admin group')
      .option('--admin-group <group>', 'the admin group (default: the settings file, else admin)')
      .option('--password-stdin', 'read a permanent password from stdin'),
  ).action(action(commands.users, (c, args) => ({ ...c.opts(), verb: 'add', email: args[0] })));
  poolIdOption(users.command('list').description('list users').option('--name <name>', 'the setup')).action(action(commands.users, (c) => ({ ...c.opts(), verb: 'list' })));
  poolIdOption(
    users
      .command('remove')
      .argument('<email>')
      .description('remove a user (never the admin group\'s last enabled member)')
      .option('--name <name>', 'the setup')
      .option('--admin-group <group>', 'the admin group to protect (else the settings file, else admin)'),
  ).action(
    action(commands.users, (c, args) => ({ ...c.opts(), verb: 'remove', email: args[0] })),
  );

  const server = program.command('server').description('the Cognito settings of the MMBatch server');
  for (const verb of ['push', 'status', 'disable'] as const) {
    serverOptions(server.command(verb).description(`${verb} the server's Cognito settings`))
      .option('--name <name>', 'the setup')
      .option('--username <user>', 'the admin who signs the change (else the settings file)')
      .option('--password-stdin', "read the admin's password from stdin")
      .action(action(commands.server, (c) => ({ ...c.opts(), verb })));
  }

  const tokenOptions = (command: Command) =>
    serverOptions(poolIdOption(clientIdOption(command)))
      .option('--name <name>', 'the setup whose pool to sign in to')
      .option('--username <user>', 'the user (else MMBATCH_AUTH_USERNAME, the settings file)')
      .option('--password-stdin', 'read the password from stdin (else MMBATCH_AUTH_PASSWORD, a prompt)')
      .option('--new-password-stdin', 'on a first sign-in, read the new password from stdin')
      .option('--mfa-code <code>', 'the current one-time code, when MFA is on')
      .addOption(new Option('--flow <flow>', 'how to sign in').choices(['auto', 'srp', 'admin', 'password']).default('auto'));
  tokenOptions(program.command('token').description('print an access token for scripts'))
    .option('--id-token', 'print the ID token instead')
    .option('--no-cache', 'neither read nor write the token cache')
    .action(action(commands.token));
  tokenOptions(program.command('login').description('sign in once and keep a refresh token')).action(action(commands.login));
  serverOptions(poolIdOption(clientIdOption(program.command('logout').description('revoke the refresh token and forget it'))))
    .option('--name <name>', 'the setup')
    .option('--username <user>', 'the user to sign out (else MMBATCH_AUTH_USERNAME, the settings file)')
    .action(action(commands.logout));

  serverOptions(
    program
      .command('api')
      .argument('<method>', 'GET, PUT, POST, DELETE, PATCH')
      .argument('<path>', 'e.g. /api/v1/config')
      .description('an authenticated call to the MMBatch API, response on stdout'),
  )
    .option('--data <json>', 'the request body: JSON, or @file, or @- for stdin')
    .option('--name <name>', 'the setup')
    .option('--username <user>', 'the user whose token to send (else MMBATCH_AUTH_USERNAME, the settings file)')
    .action(action(commands.api, (c, args) => ({ ...c.opts(), method: args[0], path: args[1] })));

  serverOptions(program.command('status').description('audit: what exists, what drifted, what is missing').option('--name <base>', 'the base name of the resources (default: mmbatch, or the settings file)')).action(
    action(commands.status),
  );
  serverOptions(program.command('teardown').description('delete what setup created, in reverse order').option('--name <base>', 'the base name of the resources (default: mmbatch, or the settings file)'))
    .option('--no-server', 'no MMBatch server uses this setup (teardown then deletes without turning one off)')
    .option('--username <user>', "the admin who turns Cognito off on the server first (else the settings file)")
    .option('--password-stdin', "read that admin's password from stdin (else MMBATCH_AUTH_PASSWORD, a cached token, a prompt)")
    .action(action(commands.teardown));

  program
    .command('use')
    .argument('<name>', 'a setup in the settings file')
    .description('make a setup name the default for later commands')
    .action(action(commands.use, (_c, args) => ({ setupName: args[0] })));

  return program;
}

export async function main(argv: string[] = process.argv.slice(2), runtime: CliRuntime = { io: processIO(), env: process.env }): Promise<number> {
  const verbose = argv.includes('--verbose');
  let commander: Commander | undefined;
  try {
    refusePasswordFlags(argv);
    const prerendered = prerenderedOutput(argv, () => terminal(runtime.io.stdoutIsTTY, runtime.io.out));
    if (prerendered !== undefined) {
      runtime.io.out.write(prerendered);
      return ExitCode.ok;
    }
    commander = await import('commander');
    await buildProgram(runtime, commander).parseAsync(argv, { from: 'user' });
    return ExitCode.ok;
  } catch (error) {
    if (commander && error instanceof commander.CommanderError) {
      if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)) return ExitCode.ok;
      if (error.code === 'commander.executeSubCommandAsync') return ExitCode.ok;
      // Commander puts its suggestion on a line of its own; the contract allows one hint line.
      const [message, ...rest] = error.message.replace(/^error: /, '').split('\n');
      const suggestion = rest.join(' ').match(/\(Did you mean (.+)\?\)/)?.[1];
      const hint = suggestion ? `did you mean ${suggestion}? see \`mmbatch-auth --help\`` : 'see `mmbatch-auth --help`';
      return reportError(new UsageError(message, { hint }), runtime.io, verbose);
    }
    return reportError(error, runtime.io, verbose);
  }
}
