// `aws-credentials` end to end: the user's ID token exchanged through the identity pool (GetId,
// GetCredentialsForIdentity, no AWS credentials of the caller's), printed in the AWS CLI's
// credential_process format, accepted by the AWS SDK's own credential_process provider and, where
// the AWS CLI is installed, by the CLI itself; kept until shortly before expiry.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN, PASSWORD, ROOT, Homes, cacheDirOf, modeOf, startWorld, type SetUpWorld as World } from './support/world.js';

let world: World;
const homes = new Homes(() => world);

beforeAll(async () => {
  world = await startWorld({ setup: true });
});

afterAll(async () => {
  homes.cleanup();
  await world?.stop();
});

describe('on a compute node (no AWS credentials of its own), signed in once', () => {
  let home: ReturnType<Homes['fresh']>;
  let first: any;

  beforeAll(async () => {
    home = homes.fresh();
    const login = await world.cli(['login', '--password-stdin'], { home, stdin: PASSWORD, credentials: false });
    if (login.code !== 0) throw new Error(login.stderr);
  });

  test('prints credential_process JSON (Version 1, with Expiration) from GetId and GetCredentialsForIdentity', async () => {
    world.stack.resetCalls();
    const result = await world.cli(['aws-credentials'], { home, credentials: false });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    first = JSON.parse(result.stdout);
    expect(Object.keys(first)).toEqual(['Version', 'AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration']);
    expect(first.Version).toBe(1);
    expect(new Date(first.Expiration).getTime()).toBeGreaterThan(Date.now() + 30 * 60_000);
    expect(world.stack.calls.map((c: any) => c.operation)).toEqual(['GetId', 'GetCredentialsForIdentity']);
    // The identity is the admin's, and the credentials were for the setup's role.
    const settings = JSON.parse(require('node:fs').readFileSync(home.settingsFile, 'utf8')).setups.mmbatch.resources;
    expect(world.stack.identities()).toContainEqual(expect.objectContaining({ IdentityPoolId: settings.identityPool.id, authenticated: true, roleArn: settings.iamRole.id }));
  });

  test('kept (0600, under the cache folder) until shortly before they expire: the next run makes no call', async () => {
    const kept = readdirSync(cacheDirOf(home)).filter((name) => name.startsWith('aws-credentials-'));
    expect(kept).toHaveLength(1);
    expect(modeOf(join(cacheDirOf(home), kept[0]))).toBe(0o600);
    world.stack.resetCalls();
    const again = await world.cli(['aws-credentials'], { home, credentials: false });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual(first);
    expect(world.stack.calls).toEqual([]);
  });

  test('--export prints shell lines that a shell takes', async () => {
    const result = await world.cli(['aws-credentials', '--export'], { home, credentials: false });
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').filter(Boolean).map((line) => line.split('=')[0])).toEqual([
      'export AWS_ACCESS_KEY_ID', 'export AWS_SECRET_ACCESS_KEY', 'export AWS_SESSION_TOKEN', 'export AWS_CREDENTIAL_EXPIRATION', 'export AWS_REGION',
    ]);
    const echoed = execFileSync('sh', ['-c', `${result.stdout}\nprintf '%s' "$AWS_SECRET_ACCESS_KEY"`]).toString();
    expect(echoed).toBe(first.SecretAccessKey);
  });

  describe('--print-profile: the ~/.aws/config stanza', () => {
    let configFile: string;
    beforeAll(async () => {
      const result = await world.cli(['aws-credentials', '--print-profile', 'mmbatch', '--region', world.stack.region], { home, credentials: false });
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^\[profile mmbatch\]\ncredential_process = \S+mmbatch-auth\.cjs aws-credentials --region us-east-1\nregion = us-east-1\n$/);
      configFile = join(home.dir, 'aws-config');
      writeFileSync(configFile, result.stdout);
    });

    const awsEnv = () => ({ ...world.envWithoutCredentials(home), PATH: process.env.PATH!, AWS_CONFIG_FILE: configFile, AWS_PROFILE: 'mmbatch' });

    test("the AWS SDK's own credential_process provider accepts what it prints", () => {
      // In a process of its own, with the environment the AWS CLI would give the command.
      const script = "require('@aws-sdk/credential-provider-process').fromProcess({ profile: 'mmbatch' })().then((c) => process.stdout.write(JSON.stringify(c)), (e) => { process.stderr.write(String(e)); process.exit(1); })";
      const run = spawnSync(process.execPath, ['-e', script], { env: awsEnv(), encoding: 'utf8', cwd: ROOT });
      expect(run.stderr).toBe('');
      const credentials = JSON.parse(run.stdout);
      expect(credentials).toMatchObject({ accessKeyId: first.AccessKeyId, secretAccessKey: first.SecretAccessKey, sessionToken: first.SessionToken, expiration: first.Expiration });
    });

    const aws = spawnSync('aws', ['--version'], { encoding: 'utf8' });
    (aws.status === 0 ? test : test.skip)(`the AWS CLI accepts it as credential_process (${(aws.stdout || aws.stderr || 'not installed').trim()})`, () => {
      // `configure list` resolves the profile's credentials, running credential_process, and shows their source.
      const listed = spawnSync('aws', ['configure', 'list', '--profile', 'mmbatch'], { env: awsEnv(), encoding: 'utf8' });
      expect(listed.stderr).toBe('');
      expect(listed.status).toBe(0);
      expect(listed.stdout).toMatch(new RegExp(`access_key +\\*+${first.AccessKeyId.slice(-4)} +custom-process`));
    });
  });
});

test('without an identity pool to use: exit 2 naming --identity-pool-id', async () => {
  const home = homes.empty();
  const result = await world.cli(['aws-credentials', '--user-pool-id', world.userPoolId, '--client-id', world.clientId, '--username', ADMIN, '--password-stdin'], { home, stdin: PASSWORD, credentials: false });
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('--identity-pool-id');
});
