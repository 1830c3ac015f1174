// One name, one setup: two setups in one settings file stay apart through setup, status, the
// single-resource commands and teardown; a command with several setups and no choice names them
// and stops; `use` makes one the default. And teardown must know the server before it deletes.
import { DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DescribeIdentityPoolCommand } from '@aws-sdk/client-cognito-identity';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startWorld, type World } from './support/world.js';
// @ts-expect-error: plain JS test support
import { runCli, tempHome } from './support/cli.mjs';
// @ts-expect-error: plain JS test support
import { startMmbatchServer } from './support/mmbatch-server.mjs';

const PASSWORD = 'Setup-Names-Pass-123!';
const ADMIN = 'names@example.com';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world?.stop());

const exists = async (call: Promise<unknown>) => {
  try {
    await call;
    return true;
  } catch {
    return false;
  }
};

describe('two setups in one settings file', () => {
  const home = tempHome();
  afterAll(() => home.cleanup());
  const cli = (args: string[], stdin = '') => runCli(args, { env: { ...world.stack.env(), ...home.env }, stdin });
  const setup = (name: string) => cli(['setup', '--yes', '--json', '--name', name, '--admin-email', ADMIN, '--admin-password-stdin', '--no-color'], PASSWORD);
  let prod: any;
  let staging: any;

  test('setup --name prod, then --name staging: two separate sets of resources', async () => {
    const first = await setup('prod');
    expect(first.code).toBe(0);
    prod = JSON.parse(first.stdout);
    const second = await setup('staging');
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    staging = JSON.parse(second.stdout);
    expect(staging.changes.filter((c: any) => c.resource !== 'server').every((c: any) => c.action === 'created')).toBe(true);
    for (const key of ['userPoolId', 'clientId', 'identityPoolId', 'roleArn']) expect(staging[key]).not.toBe(prod[key]);
    const settings = JSON.parse(readFileSync(home.settingsFile, 'utf8'));
    expect(Object.keys(settings.setups).sort()).toEqual(['prod', 'staging']);
    expect(settings.setups.prod.resources.userPool.id).toBe(prod.userPoolId);
    expect(settings.setups.staging.resources.userPool.id).toBe(staging.userPoolId);
  });

  test('--dry-run of a third name plans every resource new', async () => {
    const plan = await cli(['setup', '--yes', '--json', '--dry-run', '--name', 'other', '--admin-email', ADMIN]);
    expect(plan.code).toBe(0);
    const doc = JSON.parse(plan.stdout);
    expect(doc.changes.every((c: any) => c.action === 'created')).toBe(true);
    expect(doc.userPoolId).toBeNull();
  });

  test('status of each name reports its own resources; of an unknown name, all missing (exit 5)', async () => {
    for (const [name, doc] of [['prod', prod], ['staging', staging]] as const) {
      const status = await cli(['status', '--json', '--name', name]);
      expect(status.code).toBe(0);
      const report = JSON.parse(status.stdout);
      expect(report.name).toBe(name);
      expect(report.resources.find((r: any) => r.resource === 'userPool').id).toBe(doc.userPoolId);
    }
    const other = await cli(['status', '--json', '--name', 'other']);
    expect(other.code).toBe(5);
    expect(JSON.parse(other.stdout).resources.every((r: any) => r.state === 'missing')).toBe(true);
  });

  test('with several setups and no default, `token` names them and exits 2 even with MMBATCH_SERVER set: nothing asked, trusted or written', async () => {
    // A server over plain http naming prod's pool: the old fall-back trusted and pinned it, then asked for a username.
    const other = await world.startServer();
    Object.assign(other.config.security.cognito, { enabled: true, region: world.stack.region, userPoolID: prod.userPoolId, clientID: prod.clientId });
    const cacheDir = join(home.env.XDG_CACHE_HOME, 'mmbatch-auth');
    const cachedBefore = existsSync(cacheDir) ? readdirSync(cacheDir).sort() : [];
    const settingsBefore = readFileSync(home.settingsFile, 'utf8');
    const token = await runCli(['token'], { env: { ...world.stack.env(), ...home.env, MMBATCH_SERVER: other.url } });
    expect(token.stdout).toBe('');
    expect(token.stderr).toMatch(/^mmbatch-auth: .* holds 2 setups \(prod, staging\): say which\n.*--name/);
    expect(token.stderr).not.toMatch(/trusting|username/);
    expect(token.code).toBe(2);
    expect(other.calls).toEqual([]);
    expect(existsSync(cacheDir) ? readdirSync(cacheDir).sort() : []).toEqual(cachedBefore);
    expect(readFileSync(home.settingsFile, 'utf8')).toBe(settingsBefore);
  });

  test('with several setups and no default, a command names them and exits 2; `use` sets the default', async () => {
    const ambiguous = await cli(['status']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toMatch(/holds 2 setups \(prod, staging\)/);
    expect(ambiguous.stderr).toMatch(/--name/);
    const token = await cli(['token']);
    expect(token.code).toBe(2);
    expect(token.stdout).toBe('');

    const use = await cli(['use', 'prod']);
    expect(use.code).toBe(0);
    const status = await cli(['status', '--json']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout).name).toBe('prod');
    const unknown = await cli(['use', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no setup named 'nope'.*\n.*prod, staging/);
  });

  test('a command given a pool by ID works as the setup that owns it, even with several setups and no default', async () => {
    const plan = await cli(['self-signup', 'disable', '--dry-run', '--json', '--user-pool-id', staging.userPoolId]);
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(0);
    expect(JSON.parse(plan.stdout)).toMatchObject({ resource: 'userPool', id: staging.userPoolId, action: 'unchanged' });
    // Named as another setup, the pool is refused: it is staging's.
    const refused = await cli(['self-signup', 'disable', '--json', '--name', 'prod', '--user-pool-id', staging.userPoolId]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/belongs to the setup 'staging'/);
  });

  test('a record naming a pool this setup did not make (a copied settings file) never deletes it', async () => {
    const other = tempHome();
    try {
      // Another operator's file that claims prod's pool for a setup called 'thief'.
      const settings = JSON.parse(readFileSync(home.settingsFile, 'utf8'));
      const record = { ...settings.setups.prod };
      require('node:fs').mkdirSync(require('node:path').dirname(other.settingsFile), { recursive: true });
      writeFileSync(other.settingsFile, JSON.stringify({ version: 2, setups: { thief: record } }));
      const down = await runCli(['teardown', '--yes', '--json', '--name', 'thief', '--no-server'], { env: { ...world.stack.env(), ...other.env } });
      expect(down.code).toBe(0);
      const doc = JSON.parse(down.stdout);
      expect(JSON.stringify(doc.actions)).not.toContain(prod.userPoolId);
      expect(doc.kept.map((k: any) => k.id)).toEqual(expect.arrayContaining([prod.userPoolId, prod.identityPoolId, prod.roleArn]));
      expect(down.stderr).toMatch(/recorded as made by this setup but does not carry its tags/);
      expect(await exists(world.idp.send(new DescribeUserPoolCommand({ UserPoolId: prod.userPoolId })))).toBe(true);
    } finally {
      other.cleanup();
    }
  });

  test('teardown --name staging deletes staging and nothing of prod', async () => {
    const down = await cli(['teardown', '--yes', '--json', '--name', 'staging', '--no-server']);
    expect(down.stderr).toBe('');
    expect(down.code).toBe(0);
    const { actions } = JSON.parse(down.stdout);
    expect(actions.map((a: any) => a.id)).toEqual(expect.arrayContaining([staging.userPoolId, staging.identityPoolId]));
    expect(JSON.stringify(actions)).not.toContain(prod.userPoolId);
    expect(await exists(world.idp.send(new DescribeUserPoolCommand({ UserPoolId: staging.userPoolId })))).toBe(false);
    expect(await exists(world.idp.send(new DescribeUserPoolCommand({ UserPoolId: prod.userPoolId })))).toBe(true);
    expect(await exists(world.identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: prod.identityPoolId })))).toBe(true);
    expect(await exists(world.iam.send(new GetRoleCommand({ RoleName: prod.roleArn.split('/').pop() })))).toBe(true);
    const settings = JSON.parse(readFileSync(home.settingsFile, 'utf8'));
    expect(Object.keys(settings.setups)).toEqual(['prod']);
    const status = await cli(['status', '--json', '--name', 'prod']);
    expect(status.code).toBe(0);
  });
});

describe('a settings file from before setup names', () => {
  const home = tempHome();
  afterAll(() => home.cleanup());

  test('is read as one named setup and rewritten in the new form on the first write', async () => {
    const made = await runCli(['setup', '--yes', '--json', '--name', 'legacy', '--admin-email', ADMIN, '--admin-password-stdin'], {
      env: { ...world.stack.env(), ...home.env },
      stdin: PASSWORD,
    });
    expect(made.code).toBe(0);
    const doc = JSON.parse(made.stdout);
    // The same setup as version 1 wrote it.
    writeFileSync(
      home.settingsFile,
      JSON.stringify({ version: 1, name: 'legacy', region: world.stack.region, userPoolId: doc.userPoolId, clientId: doc.clientId, identityPoolId: doc.identityPoolId, roleArn: doc.roleArn, roleCreatedByTool: true, adminGroup: 'admin', adminUsername: ADMIN, created: { userPool: doc.userPoolId, appClient: doc.clientId, identityPool: doc.identityPoolId, iamRole: doc.roleArn } }),
    );
    const status = await runCli(['status', '--json'], { env: { ...world.stack.env(), ...home.env } });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout).name).toBe('legacy');
    const again = await runCli(['setup', '--yes', '--json', '--admin-password-stdin'], { env: { ...world.stack.env(), ...home.env }, stdin: PASSWORD });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).changes.every((c: any) => c.action === 'unchanged')).toBe(true);
    const settings = JSON.parse(readFileSync(home.settingsFile, 'utf8'));
    expect(settings.version).toBe(2);
    expect(settings.setups.legacy.resources.userPool).toMatchObject({ id: doc.userPoolId, origin: 'created' });
  });
});

describe('teardown and the server', () => {
  test('with no settings file and no server known, teardown refuses (exit 2) and deletes nothing', async () => {
    const home = tempHome();
    const server = await startMmbatchServer({ issuerFor: (_r: string, poolId: string) => world.stack.issuer(poolId), jwksUriFor: (_r: string, poolId: string) => world.stack.jwksUri(poolId) });
    try {
      const env = { ...world.stack.env(), ...home.env };
      const made = await runCli(['setup', '--yes', '--json', '--name', 'served', '--admin-email', ADMIN, '--admin-password-stdin', '--server', server.url], { env, stdin: PASSWORD });
      expect(made.code).toBe(0);
      const doc = JSON.parse(made.stdout);
      home.cleanup(); // the settings file is gone: nothing local says a server uses the pool

      const down = await runCli(['teardown', '--yes', '--name', 'served'], { env });
      expect(down.code).toBe(2);
      expect(down.stderr).toMatch(/--server <url>.*--no-server/s);
      expect(await exists(world.idp.send(new DescribeUserPoolCommand({ UserPoolId: doc.userPoolId })))).toBe(true);
      expect(server.config.security.cognito.enabled).toBe(true);

      // Told the server, but without an admin's password: it cannot turn Cognito off there, so it deletes nothing.
      const noPassword = await runCli(['teardown', '--yes', '--name', 'served', '--server', server.url, '--username', ADMIN], { env });
      expect(noPassword.code).not.toBe(0);
      expect(await exists(world.idp.send(new DescribeUserPoolCommand({ UserPoolId: doc.userPoolId })))).toBe(true);
      expect(server.config.security.cognito.enabled).toBe(true);

      // With it: Cognito off on the server first, then everything tagged for this setup goes.
      const done = await runCli(['teardown', '--yes', '--json', '--name', 'served', '--server', server.url, '--username', ADMIN, '--password-stdin'], { env, stdin: PASSWORD });
      expect(done.stderr).toBe('');
      expect(done.code).toBe(0);
      expect(JSON.parse(done.stdout).actions[0]).toMatchObject({ resource: 'server', action: 'disabled' });
      expect(server.config.security.cognito.enabled).toBe(false);
      expect(await exists(world.idp.send(new DescribeUserPoolCommand({ UserPoolId: doc.userPoolId })))).toBe(false);
    } finally {
      await server.stop();
      home.cleanup();
    }
  });
});
