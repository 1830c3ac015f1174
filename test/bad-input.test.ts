// Every input, malformed, through the real binary: one line on stderr naming the value (a hint
// line may follow), exit 2, and not a single call to AWS or to the server (both are counted).
// The README's "Bad input" table lists the same rows for people.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startWorld, type World } from './support/world.js';
// @ts-expect-error: plain JS test support
import { runCli, tempHome } from './support/cli.mjs';

let world: World;
let stack: any;
let server: any;
const empty = tempHome();
const configured = tempHome();
const SERVER = '<server>';

beforeAll(async () => {
  world = await startWorld();
  ({ stack, server } = world);
  // A settings file as setup leaves it (the IDs need not exist: no call may be made anyway).
  mkdirSync(dirname(configured.settingsFile), { recursive: true });
  writeFileSync(
    configured.settingsFile,
    JSON.stringify({ version: 1, region: 'us-east-1', name: 'mmbatch', userPoolId: 'us-east-1_Abc123', clientId: 'abc123client', adminUsername: 'ops@example.com', serverUrl: server.url }),
  );
  writeFileSync(join(empty.dir, 'broken.json'), '{ "version": 1, ');
  writeFileSync(awsConfig, '[default]\noutput = json\n[profile other]\nregion = eu-west-1\n');
  writeFileSync(awsCredentials, '[ci]\naws_access_key_id = AKIDCI\naws_secret_access_key = ci-secret\n');
  // A secret file given by mistake: its content must never be quoted in an error.
  writeFileSync(join(empty.dir, 'secret.json'), 'hunter2-Secret! is the root password\n');
});

afterAll(async () => {
  empty.cleanup();
  configured.cleanup();
  await world?.stop();
});

type Row = [label: string, args: string[], expected: RegExp, options?: { env?: Record<string, string | undefined>; stdin?: string; home?: 'configured' }];

// The AWS shared files as a user may have them: profiles `other` (config) and `ci` (credentials).
const awsConfig = join(empty.dir, 'aws-config');
const awsCredentials = join(empty.dir, 'aws-credentials');
const awsFiles = { AWS_CONFIG_FILE: awsConfig, AWS_SHARED_CREDENTIALS_FILE: awsCredentials };
const noAwsFiles = { AWS_CONFIG_FILE: join(empty.dir, 'absent'), AWS_SHARED_CREDENTIALS_FILE: join(empty.dir, 'absent') };

const ROWS: Row[] = [
  // e-mail
  ['malformed e-mail (setup)', ['setup', '--yes', '--admin-email', 'not-an-email'], /^invalid e-mail address 'not-an-email'$/],
  ['malformed e-mail (users add)', ['users', 'add', 'bob@', '--user-pool-id', 'us-east-1_Abc123'], /^invalid e-mail address 'bob@'$/],
  ['malformed e-mail (teardown --username)', ['teardown', '--yes', '--username', 'root'], /^invalid e-mail address 'root'$/],
  // region
  ['malformed region (flag)', ['status', '--region', 'mars'], /^invalid region 'mars'$/],
  ['malformed region (AWS_REGION)', ['user-pool', 'show'], /^invalid region 'moon-1'$/, { env: { AWS_REGION: 'moon-1' } }],
  ['no region anywhere (exit 2: a missing value)', ['users', 'list', '--user-pool-id', 'us-east-1_Abc123'], /^no AWS region: pass --region or set AWS_REGION$/, { env: { AWS_REGION: undefined, ...noAwsFiles } }],
  ['no region anywhere (status)', ['status'], /^no AWS region: pass --region or set AWS_REGION$/, { env: { AWS_REGION: undefined, ...noAwsFiles } }],
  // AWS profiles
  ['--profile that names no profile', ['status', '--profile', 'nonexist'], /^the AWS profile 'nonexist' could not be found$/, { env: awsFiles }],
  ['AWS_PROFILE that names no profile', ['users', 'list', '--user-pool-id', 'us-east-1_Abc123'], /^the AWS profile 'nonexist' could not be found$/, { env: { ...awsFiles, AWS_PROFILE: 'nonexist' } }],
  ['--profile without any AWS files', ['user-pool', 'show', '--profile', 'nonexist'], /^the AWS profile 'nonexist' could not be found$/, { env: { ...noAwsFiles, AWS_REGION: undefined } }],
  // empty values given to flags that take one
  ['empty --region', ['status', '--region', ''], /^--region was given an empty value$/],
  ['empty --region=', ['users', 'list', '--user-pool-id', 'us-east-1_Abc123', '--region='], /^--region was given an empty value$/],
  ['empty --region before the command', ['--region', '', 'status'], /^--region was given an empty value$/],
  ['empty --config', ['status', '--config', ''], /^--config was given an empty value$/],
  ['empty --endpoint-url', ['status', '--endpoint-url', ''], /^--endpoint-url was given an empty value$/],
  ['empty --profile', ['status', '--profile', ''], /^--profile was given an empty value$/],
  ['empty --name', ['status', '--name', ''], /^--name was given an empty value$/],
  ['blank --server (api)', ['api', 'GET', '/api/v1/config', '--server', ' '], /^--server was given an empty value$/],
  ['empty --user-pool-id', ['users', 'list', '--user-pool-id', ''], /^--user-pool-id was given an empty value$/],
  ['empty --region (token)', ['token', '--region', ''], /^--region was given an empty value$/, { home: 'configured' }],
  ['empty --username (token)', ['token', '--username', ''], /^--username was given an empty value$/, { home: 'configured' }],
  ['empty --user-pool-id (token)', ['token', '--user-pool-id', '', '--client-id', 'abc123client'], /^--user-pool-id was given an empty value$/, { home: 'configured' }],
  // IDs
  ['malformed user pool ID', ['self-signup', 'status', '--user-pool-id', 'pool!'], /^invalid user pool ID 'pool!'$/],
  ['malformed user pool ID (token)', ['token', '--user-pool-id', 'pool!', '--client-id', 'abc123client'], /invalid user pool ID 'pool!'/],
  ['malformed client ID', ['auth-flows', 'show', '--user-pool-id', 'us-east-1_Abc123', '--client-id', 'bad id!'], /^invalid app client ID 'bad id!'$/],
  ['malformed client ID (token)', ['token', '--user-pool-id', 'us-east-1_Abc123', '--client-id', 'bad id!'], /invalid app client ID 'bad id!'/],
  ['malformed identity pool ID', ['identity-pool', 'show', '--identity-pool-id', 'nope'], /^invalid identity pool ID 'nope'$/],
  ['malformed role ARN', ['setup', '--yes', '--admin-email', 'ops@example.com', '--role-arn', 'arn:aws:iam::1:role/x'], /^invalid IAM role ARN 'arn:aws:iam::1:role\/x'$/],
  ['role name over 64 characters', ['identity-pool', 'create', '--user-pool-id', 'us-east-1_Abc123', '--client-id', 'abc123client', '--role-arn', `arn:aws:iam::123456789012:role/${'r'.repeat(65)}`], /^invalid IAM role ARN '.*': the role name is longer than 64 characters$/],
  ['malformed name', ['status', '--name', '!!'], /^invalid name '!!'$/],
  ['unknown auth flow', ['setup', '--yes', '--admin-email', 'ops@example.com', '--auth-flows', 'MAGIC'], /^unknown auth flow 'ALLOW_MAGIC'$/],
  // server URL
  ['malformed server URL (setup)', ['setup', '--yes', '--admin-email', 'ops@example.com', '--server', 'ftp://x'], /^invalid server URL 'ftp:\/\/x': only http and https are supported$/],
  ['malformed server URL (status)', ['status', '--server', 'not a url'], /^invalid server URL 'not a url'$/],
  ['malformed server URL (api)', ['api', 'GET', '/api/v1/config', '--server', 'not-a-url'], /^invalid server URL 'not-a-url'$/],
  ['malformed server URL (MMBATCH_SERVER)', ['server', 'status'], /^invalid server URL 'mmbatch:8081'/, { env: { MMBATCH_SERVER: 'mmbatch:8081' } }],
  // URLs with credentials are refused, and their password never echoed
  ['server URL with credentials (--server)', ['status', '--server', 'http://admin:hunter2-Secret!@mmbatch:8081'], /^invalid server URL 'http:\/\/\*\*\*@mmbatch:8081': a URL may not carry a user name or password$/],
  ['server URL with credentials (MMBATCH_SERVER)', ['server', 'status'], /^invalid server URL 'https:\/\/\*\*\*@mmbatch:8081': a URL may not carry/, { env: { MMBATCH_SERVER: 'https://ops:hunter2-Secret!@mmbatch:8081' } }],
  ['server URL with credentials (setup)', ['setup', '--yes', '--admin-email', 'ops@example.com', '--server', 'https://ops:hunter2-Secret!@mmbatch:8081'], /^invalid server URL .*: a URL may not carry/],
  ['endpoint URL with credentials', ['status', '--endpoint-url', 'http://key:hunter2-Secret!@localhost:4566'], /^invalid endpoint URL 'http:\/\/\*\*\*@localhost:4566': a URL may not carry/],
  // the AWS endpoint
  ['--endpoint-url that is not a URL', ['status', '--endpoint-url', 'not a url'], /^invalid endpoint URL 'not a url'$/],
  ['AWS_ENDPOINT_URL that is not a URL', ['user-pool', 'show'], /^invalid AWS_ENDPOINT_URL 'nope'$/, { env: { AWS_ENDPOINT_URL: 'nope' } }],
  // TLS
  ['--ca-cert /dev/zero (read with a cap)', ['server', 'status', '--server', 'https://127.0.0.1:1', '--ca-cert', '/dev/zero'], /^'\/dev\/zero' is not a PEM certificate: it is larger than 1 MiB$/],
  ['--ca-cert a folder', ['server', 'status', '--server', 'https://127.0.0.1:1', '--ca-cert', '<folder>'], /^cannot read the CA certificate file '.*': it is a folder$/],
  ['--ca-cert not PEM', ['api', 'GET', '/x', '--server', 'https://127.0.0.1:1', '--ca-cert', '<secretfile>'], /^'.*secret\.json' is not a PEM certificate$/],
  ['--trust-fingerprint not hex', ['setup', '--yes', '--admin-email', 'ops@example.com', '--trust-fingerprint', 'abc'], /^invalid SHA-256 fingerprint 'abc'$/],
  // the settings file
  ['--config names a folder', ['status', '--config', '<folder>'], /^the settings file .* is a folder$/],
  // a weak password: refused before any AWS call
  ['weak admin password', ['setup', '--yes', '--admin-email', 'ops@example.com', '--admin-password-stdin'], /^the admin's password does not meet the password policy of the new user pool: it needs at least 14 characters, an upper-case letter, a digit and a symbol$/, { stdin: 'short' }],
  // api
  ['--data @file that is not JSON: its content never shown', ['api', 'PUT', '/api/v1/configKV', '--data', '@<secretfile>', '--server', SERVER], /^the request body from '.*secret\.json' is not valid JSON(: at .*)?$/, { home: 'configured' }],
  ['--data that is not JSON', ['api', 'PUT', '/api/v1/configKV', '--data', '{bad', '--server', SERVER], /^the request body from --data is not valid JSON/, { home: 'configured' }],
  ['unknown HTTP method', ['api', 'FETCH', '/api/v1/config', '--server', SERVER], /^invalid method 'FETCH'$/, { home: 'configured' }],
  ['path without a leading slash', ['api', 'GET', 'api/v1/config', '--server', SERVER], /^invalid path 'api\/v1\/config'$/, { home: 'configured' }],
  // commands and flags
  ['unknown command', ['frobnicate'], /^unknown command 'frobnicate'$/],
  ['unknown flag', ['setup', '--frobnicate'], /^unknown option '--frobnicate'$/],
  ['missing required value', ['setup', '--yes'], /^the first admin's e-mail is required: pass --admin-email$/],
  ['teardown without --yes, no terminal', ['teardown'], /^teardown deletes resources and cannot ask for confirmation here: pass --yes$/, { home: 'configured' }],
  // one output at a time: --json promises a JSON document and nothing else
  ['aws-credentials --export with --json', ['aws-credentials', '--export', '--json'], /^--export prints shell lines, not JSON: pass --export or --json, not both$/, { home: 'configured' }],
  ['aws-credentials --print-profile with --json', ['aws-credentials', '--print-profile', 'p', '--json'], /^--print-profile prints an AWS config profile, not JSON: pass --print-profile or --json, not both$/, { home: 'configured' }],
  // secrets on argv
  ['--password on argv', ['token', '--password', 'hunter2-Secret!'], /^--password is not accepted: secrets never go on the command line$/],
  ['--admin-password=… on argv', ['setup', '--admin-password=hunter2-Secret!'], /^--admin-password is not accepted: secrets never go on the command line$/],
  ['--secret-key on argv', ['server', 'push', '--secret-key', 'hunter2-Secret!'], /^--secret-key is not accepted: secrets never go on the command line$/],
  // empty stdin where a secret was promised
  ['--admin-password-stdin with stdin empty', ['setup', '--yes', '--admin-email', 'ops@example.com', '--admin-password-stdin'], /^--admin-password-stdin was given but stdin is empty$/],
  ['--password-stdin with stdin empty (token)', ['token', '--password-stdin'], /^--password-stdin was given but stdin is empty$/, { home: 'configured' }],
  ['--password-stdin with stdin empty (users add)', ['users', 'add', 'new@example.com', '--password-stdin'], /^--password-stdin was given but stdin is empty$/, { home: 'configured' }],
  // the environment and the settings file
  ['settings file that is not JSON', ['status', '--config', '<broken>'], /^the settings file .*broken\.json is not valid JSON$/],
  ['malformed AWS_MAX_ATTEMPTS', ['status'], /^invalid AWS_MAX_ATTEMPTS 'lots'$/, { env: { AWS_MAX_ATTEMPTS: 'lots' } }],
  ['malformed MMBATCH_AUTH_SERVER_TIMEOUT', ['server', 'status', '--server', SERVER], /^invalid MMBATCH_AUTH_SERVER_TIMEOUT 'soon'$/, { env: { MMBATCH_AUTH_SERVER_TIMEOUT: 'soon' } }],
];

describe('bad input: exit 2, one line naming the value, no call to AWS or the server', () => {
  test.each(ROWS)('%s', async (_label, args, expected, options = {}) => {
    stack.resetCalls();
    const serverCalls = server.calls.length;
    const home = options.home === 'configured' ? configured : empty;
    const argv = args.map((arg) =>
      arg.replace(SERVER, server.url).replace('<broken>', join(empty.dir, 'broken.json')).replace('<folder>', empty.dir).replace('<secretfile>', join(empty.dir, 'secret.json')),
    );
    const result = await runCli(argv, { env: { ...stack.env(), ...home.env, ...options.env }, stdin: options.stdin ?? '' });
    const lines = result.stderr.replace(/\n$/, '').split('\n');
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 2, stdout: '' });
    expect(lines[0]).toMatch(/^mmbatch-auth: /);
    expect(lines[0].replace(/^mmbatch-auth: /, '')).toMatch(expected);
    expect(lines.length).toBeLessThanOrEqual(2); // the message, and at most one hint
    expect(result.stderr).not.toContain('hunter2-Secret!');
    expect(result.stderr).not.toContain('hunter2'); // a --data file's content included
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(stack.calls).toEqual([]);
    expect(server.calls.length).toBe(serverCalls);
  });
});

describe('a profile named in either AWS file is used', () => {
  test.each([
    ['in the credentials file only', 'ci'],
    ['in the config file only', 'other'],
    ['[default], named', 'default'],
  ])('%s: not refused as bad input', async (_label, profile) => {
    const result = await runCli(['users', 'list', '--user-pool-id', 'us-east-1_Abc123', '--profile', profile], { env: { ...stack.env(), ...empty.env, ...awsFiles } });
    expect(result.stderr).not.toMatch(/could not be found/);
    expect(result.code).not.toBe(2);
  });
});
