// A pool someone made with SMS or e-mail MFA, handed over with --user-pool-id: setup adds TOTP beside
// their factors, and `setup --mfa off` turns MFA off, without switching their SMS or e-mail MFA off or
// being refused for it (SetUserPoolMfaConfig resets what it is not sent). Read back through GetUserPoolMfaConfig.
import { CreateUserPoolCommand, GetUserPoolMfaConfigCommand, SetUserPoolMfaConfigCommand, type SetUserPoolMfaConfigCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import { startWorld, type World } from './support/world.js';
// @ts-expect-error: plain JS test support
import { runCli, tempHome } from './support/cli.mjs';

const PASSWORD = 'Adopted-Mfa-Pass-123456!';
const ADMIN = 'mfa-owner@example.com';
const SMS = { SmsAuthenticationMessage: 'Your code is {####}', SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::123456789012:role/cognito-sms', ExternalId: 'their-external-id' } };
const EMAIL = { Message: 'Your sign-in code is {####}', Subject: 'Your sign-in code' };

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world?.stop());

const mfaConfigOf = async (id: string) => {
  const { $metadata: _metadata, ...config } = await world.idp.send(new GetUserPoolMfaConfigCommand({ UserPoolId: id }));
  return config;
};

type Factors = Pick<SetUserPoolMfaConfigCommandInput, 'SmsMfaConfiguration' | 'EmailMfaConfiguration'>;

describe.each<[string, Factors]>([
  ['SMS and e-mail MFA', { SmsMfaConfiguration: SMS, EmailMfaConfiguration: EMAIL }],
  ['e-mail MFA only', { EmailMfaConfiguration: EMAIL }],
])('a pool made by hand with %s', (name, factors) => {
  const home = tempHome();
  afterAll(() => home.cleanup());
  const setupName = name.startsWith('SMS') ? 'sms-pool' : 'email-pool';
  const setup = (extra: string[] = []) =>
    runCli(['setup', '--yes', '--json', '--name', setupName, '--admin-email', ADMIN, '--admin-password-stdin', ...extra], { env: { ...world.stack.env(), ...home.env }, stdin: PASSWORD });
  let poolId: string;

  beforeAll(async () => {
    const { UserPool } = await world.idp.send(new CreateUserPoolCommand({ PoolName: setupName, UsernameAttributes: ['email'] }));
    poolId = UserPool!.Id!;
    await world.idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'OPTIONAL', ...factors }));
  });

  test('setup --user-pool-id adds TOTP and keeps their factors', async () => {
    const result = await setup(['--user-pool-id', poolId]);
    expect(result.stderr).toMatch(/^(mmbatch-auth: warning: .*\n)*$/);
    expect(result.code).toBe(0);
    const pool = JSON.parse(result.stdout).changes.find((c: any) => c.resource === 'userPool');
    expect(pool.settings).toContainEqual({ setting: 'mfa', from: 'optional (no TOTP)', to: 'optional' });
    expect(await mfaConfigOf(poolId)).toEqual({ MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true }, ...factors });
  });

  test('setup --mfa off turns MFA off, and their SMS sending setup (the pool\'s) stays', async () => {
    const result = await setup(['--mfa', 'off']);
    expect(result.stderr).toMatch(/^(mmbatch-auth: warning: .*\n)*$/);
    expect(result.code).toBe(0);
    const pool = JSON.parse(result.stdout).changes.find((c: any) => c.resource === 'userPool');
    expect(pool.settings).toContainEqual({ setting: 'mfa', from: 'optional', to: 'off' });
    const config = await mfaConfigOf(poolId);
    expect(config.MfaConfiguration).toBe('OFF');
    expect(config.SmsMfaConfiguration).toEqual(factors.SmsMfaConfiguration);
  });
});
