// The security checks by the scanners' IDs, end to end: what a fresh setup leaves (read back
// through the services' Describe/Get, and reported by `status --json`), each check failing when
// its setting is changed by hand, `status --fix` repairing what setup would, and threat protection
// (the Plus plan, audit first, then enforce).
import {
  DescribeRiskConfigurationCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  GetUserPoolMfaConfigCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DescribeIdentityPoolCommand, UpdateIdentityPoolCommand } from '@aws-sdk/client-cognito-identity';
import { DeleteRolePolicyCommand, PutRolePolicyCommand, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';
import { ADMIN, PASSWORD, Homes, startWorld, type World } from './support/world.js';

let world: World;
const homes = new Homes(() => world);

beforeAll(async () => {
  world = await startWorld();
});

afterAll(async () => {
  homes.cleanup();
  await world?.stop();
});

/** Prowler's free checks: setup passes each by default (MFA: with --mfa required). */
const FREE = [
  'cognito_user_pool_self_registration_disabled',
  'cognito_user_pool_deletion_protection_enabled',
  'cognito_user_pool_mfa_enabled',
  'cognito_user_pool_password_policy_minimum_length_14',
  'cognito_user_pool_password_policy_lowercase',
  'cognito_user_pool_password_policy_uppercase',
  'cognito_user_pool_password_policy_number',
  'cognito_user_pool_password_policy_symbol',
  'cognito_user_pool_temporary_password_expiration',
  'cognito_user_pool_client_prevent_user_existence_errors',
  'cognito_user_pool_client_token_revocation_enabled',
  'cognito_identity_pool_guest_access_disabled',
];
const COSTLY = ['cognito_user_pool_advanced_security_enabled', 'cognito_user_pool_blocks_compromised_credentials_sign_in_attempts', 'cognito_user_pool_blocks_potential_malicious_sign_in_attempts'];
const OURS = [
  'identity_pool_classic_flow_disabled',
  'identity_pool_provider_is_this_setup',
  'role_trust_bound_to_identity_pool',
  'role_grants_only_role_policy',
  'app_client_allows_only_asked_flows',
  'app_client_token_lifetimes_bounded',
  'admin_group_members_have_mfa',
];

async function statusOf(home: ReturnType<Homes['empty']>, name: string) {
  const result = await world.cli(['status', '--json', '--name', name], { home });
  return { code: result.code, stderr: result.stderr, doc: JSON.parse(result.stdout), check: (id: string) => JSON.parse(result.stdout).checks.find((c: any) => c.id === id) };
}

describe('a fresh setup with --mfa required', () => {
  const home = homes.empty();
  let ids: any;

  beforeAll(async () => {
    // No password and no server: Cognito e-mails the admin a temporary one; nobody signs in yet.
    const result = await world.cli(['setup', '--yes', '--json', '--name', 'strict', '--mfa', 'required', '--admin-email', ADMIN], { home });
    if (result.code !== 0) throw new Error(result.stderr);
    ids = JSON.parse(result.stdout);
  });

  test('the live settings are the safe ones, read back through Describe and Get', async () => {
    const { UserPool } = await world.idp.send(new DescribeUserPoolCommand({ UserPoolId: ids.userPoolId }));
    expect(UserPool).toMatchObject({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      DeletionProtection: 'ACTIVE',
      MfaConfiguration: 'ON',
      Policies: { PasswordPolicy: { MinimumLength: 14, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true, TemporaryPasswordValidityDays: 7 } },
    });
    const mfa = await world.idp.send(new GetUserPoolMfaConfigCommand({ UserPoolId: ids.userPoolId }));
    expect(mfa).toMatchObject({ MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } });
    expect(mfa.SmsMfaConfiguration).toBeUndefined();
    const { UserPoolClient } = await world.idp.send(new DescribeUserPoolClientCommand({ UserPoolId: ids.userPoolId, ClientId: ids.clientId }));
    expect(UserPoolClient).toMatchObject({ PreventUserExistenceErrors: 'ENABLED', EnableTokenRevocation: true, AccessTokenValidity: 60, IdTokenValidity: 60, RefreshTokenValidity: 30 });
    expect(UserPoolClient?.ClientSecret).toBeUndefined();
    const pool = await world.identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: ids.identityPoolId }));
    expect(pool).toMatchObject({ AllowUnauthenticatedIdentities: false, AllowClassicFlow: false });
  });

  test('status --json: every free check passes by its ID; the costly ones fail, waived, with their cost and flag', async () => {
    const { code, doc, check } = await statusOf(home, 'strict');
    expect(code).toBe(0);
    for (const id of [...FREE, ...OURS]) expect([id, check(id)?.result]).toEqual([id, 'pass']);
    for (const id of COSTLY) {
      expect(check(id)).toMatchObject({ result: 'fail', waived: expect.stringContaining('did not ask for threat protection'), fix: 'mmbatch-auth setup --name strict --threat-protection enforce', cost: expect.stringContaining('Plus') });
    }
    expect(check('cognito_user_pool_advanced_security_enabled').also).toEqual(['Cognito.1', 'cognito-user-pool-advanced-security-enabled']);
    expect(check('cognito_identity_pool_guest_access_disabled').also).toEqual(['Cognito.2', 'cognito-identity-pool-unauth-access-check']);
    expect(check('cognito_user_pool_deletion_protection_enabled').also).toEqual(['cognito-user-pool-deletion-protection-enabled']);
    expect(check('cognito_user_pool_waf_acl_attached')).toMatchObject({ result: 'not-checked', cost: expect.stringContaining('WAF') });
    expect(doc.ok).toBe(true);
  });
});

describe('the default setup (MFA optional): checks broken by hand, repaired by status --fix', () => {
  const home = homes.empty();
  let ids: any;

  beforeAll(async () => {
    const result = await world.cli(['setup', '--yes', '--json', '--name', 'usual', '--admin-email', ADMIN, '--admin-password-stdin', '--server', world.server.url], { home, stdin: PASSWORD });
    if (result.code !== 0) throw new Error(result.stderr);
    ids = JSON.parse(result.stdout);
  });

  test('every free check passes but MFA (optional: waived, with --mfa required as its fix); the admin without MFA is reported, waived', async () => {
    const { code, check, stderr } = await statusOf(home, 'usual');
    for (const id of FREE.filter((id) => id !== 'cognito_user_pool_mfa_enabled')) expect([id, check(id)?.result]).toEqual([id, 'pass']);
    expect(check('cognito_user_pool_mfa_enabled')).toMatchObject({ result: 'fail', detail: 'MFA (TOTP): optional', waived: 'the setup asked for --mfa optional', fix: 'mmbatch-auth setup --name usual --mfa required' });
    expect(check('admin_group_members_have_mfa')).toMatchObject({ result: 'fail', detail: `without MFA: ${ADMIN}`, fix: `mmbatch-auth mfa enroll --username ${ADMIN}`, waived: expect.stringContaining('--mfa optional') });
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  test('each setting changed by hand fails its check; status --fix repairs what setup would; a foreign policy is reported, never removed', async () => {
    const { UserPool } = await world.idp.send(new DescribeUserPoolCommand({ UserPoolId: ids.userPoolId }));
    // UpdateUserPool resets what it is not given: self-registration on, deletion protection and MFA off.
    await world.idp.send(new UpdateUserPoolCommand({
      UserPoolId: ids.userPoolId,
      AutoVerifiedAttributes: UserPool!.AutoVerifiedAttributes,
      Policies: { PasswordPolicy: { MinimumLength: 8, RequireLowercase: false, RequireUppercase: false, RequireNumbers: false, RequireSymbols: false, TemporaryPasswordValidityDays: 30 } },
    }));
    // UpdateUserPoolClient resets too: user-existence errors LEGACY, revocation off; and more flows, longer tokens.
    await world.idp.send(new UpdateUserPoolClientCommand({
      UserPoolId: ids.userPoolId, ClientId: ids.clientId,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH'],
      AccessTokenValidity: 1, TokenValidityUnits: { AccessToken: 'days' },
    }));
    const pool = await world.identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: ids.identityPoolId }));
    await world.identity.send(new UpdateIdentityPoolCommand({ ...pool, $metadata: undefined, AllowUnauthenticatedIdentities: true, AllowClassicFlow: true } as any));
    const roleName = ids.roleArn.split('/').pop();
    await world.iam.send(new UpdateAssumeRolePolicyCommand({
      RoleName: roleName,
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }] }),
    }));
    await world.iam.send(new PutRolePolicyCommand({ RoleName: roleName, PolicyName: 'someone-else', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }) }));

    const broken = await statusOf(home, 'usual');
    expect(broken.code).toBe(5);
    const failing = broken.doc.checks.filter((c: any) => c.result === 'fail').map((c: any) => c.id);
    expect(failing).toEqual(expect.arrayContaining([
      'cognito_user_pool_self_registration_disabled', 'cognito_user_pool_deletion_protection_enabled', 'cognito_user_pool_mfa_enabled',
      'cognito_user_pool_password_policy_minimum_length_14', 'cognito_user_pool_password_policy_lowercase', 'cognito_user_pool_password_policy_uppercase',
      'cognito_user_pool_password_policy_number', 'cognito_user_pool_password_policy_symbol', 'cognito_user_pool_temporary_password_expiration',
      'cognito_user_pool_client_prevent_user_existence_errors', 'cognito_user_pool_client_token_revocation_enabled', 'cognito_identity_pool_guest_access_disabled',
      'identity_pool_classic_flow_disabled', 'role_trust_bound_to_identity_pool', 'role_grants_only_role_policy', 'app_client_allows_only_asked_flows',
      'app_client_token_lifetimes_bounded',
    ]));
    expect(broken.check('cognito_user_pool_mfa_enabled')).toMatchObject({ detail: 'MFA (TOTP): off (safe: optional)', fix: 'mmbatch-auth status --fix' });
    expect(broken.check('cognito_user_pool_mfa_enabled').waived).toBeUndefined();
    expect(broken.check('role_grants_only_role_policy').detail).toContain('someone-else');

    world.stack.resetCalls();
    const fixed = await world.cli(['status', '--fix', '--yes', '--json', '--name', 'usual'], { home, env: { MMBATCH_AUTH_PASSWORD: PASSWORD } });
    const doc = JSON.parse(fixed.stdout);
    expect(doc.fixed.map((f: any) => f.resource).sort()).toEqual(['appClient', 'iamRole', 'identityPool', 'userPool']);
    // The same requests setup makes: MFA through SetUserPoolMfaConfig, after the UpdateUserPool that carries the live mode.
    const writes = world.stack.writeCalls().map((c: any) => c.operation);
    expect(writes.indexOf('UpdateUserPool')).toBeLessThan(writes.indexOf('SetUserPoolMfaConfig'));
    const after = await statusOf(home, 'usual');
    const stillFailing = after.doc.checks.filter((c: any) => c.result === 'fail' && !c.waived).map((c: any) => c.id).sort();
    expect(stillFailing).toEqual(['role_grants_only_role_policy']);
    expect(after.check('role_grants_only_role_policy').detail).toContain('aws iam delete-role-policy');
    const mfa = await world.idp.send(new GetUserPoolMfaConfigCommand({ UserPoolId: ids.userPoolId }));
    expect(mfa).toMatchObject({ MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } });

    await world.iam.send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: 'someone-else' }));
    expect((await statusOf(home, 'usual')).check('role_grants_only_role_policy').result).toBe('pass');
  });
});

describe('threat protection: the Plus plan, audit first, then enforce', () => {
  const home = homes.empty();
  let ids: any;

  test('--threat-protection audit: Plus, AUDIT, the blocking risk configuration ready; Prowler still fails it (waived: audit)', async () => {
    const result = await world.cli(['setup', '--yes', '--json', '--name', 'guarded', '--threat-protection', 'audit', '--admin-email', ADMIN], { home });
    expect(result.code).toBe(0);
    ids = JSON.parse(result.stdout);
    const { UserPool } = await world.idp.send(new DescribeUserPoolCommand({ UserPoolId: ids.userPoolId }));
    expect(UserPool).toMatchObject({ UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT' } });
    const { RiskConfiguration } = await world.idp.send(new DescribeRiskConfigurationCommand({ UserPoolId: ids.userPoolId }));
    expect(RiskConfiguration?.ClientId).toBeUndefined();
    expect(RiskConfiguration).toMatchObject({
      CompromisedCredentialsRiskConfiguration: { EventFilter: expect.arrayContaining(['SIGN_IN']), Actions: { EventAction: 'BLOCK' } },
      AccountTakeoverRiskConfiguration: { Actions: { LowAction: { EventAction: 'BLOCK' }, MediumAction: { EventAction: 'BLOCK' }, HighAction: { EventAction: 'BLOCK' } } },
    });
    const { check } = await statusOf(home, 'guarded');
    for (const id of COSTLY) expect(check(id)).toMatchObject({ result: 'fail', waived: 'the setup asked for --threat-protection audit', fix: 'mmbatch-auth setup --name guarded --threat-protection enforce' });
  });

  test('--threat-protection enforce: the three costly checks pass; a second run changes nothing', async () => {
    const result = await world.cli(['setup', '--yes', '--json', '--name', 'guarded', '--threat-protection', 'enforce'], { home });
    expect(result.code).toBe(0);
    const { check } = await statusOf(home, 'guarded');
    for (const id of COSTLY) expect([id, check(id).result]).toEqual([id, 'pass']);
    world.stack.resetCalls();
    const again = await world.cli(['setup', '--yes', '--json', '--name', 'guarded'], { home });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).changes.every((c: any) => c.action === 'unchanged')).toBe(true);
    expect(world.stack.writeCalls()).toEqual([]);
  });
});
