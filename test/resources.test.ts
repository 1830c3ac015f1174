// The pure parts of the resource model: a plan is typed changes computed from the live resource
// and a (possibly partial) desired state; apply writes exactly those changes into an update built
// from the live resource; trust statements are setup's own or someone else's. What the services do
// with the requests (Update* resetting what is left out) is tested end to end against the stack.
import { changesByOperation, diffSettings, writeChanges } from '../src/resources/settings.js';
import { SAFE_USER_POOL_SETTINGS, USER_POOL_SETTINGS, mfaConfigInput, updateUserPoolInput, userPoolSettings } from '../src/resources/userPool.js';
import { IDENTITY_POOL_SETTINGS, identityPoolSettings } from '../src/resources/identityPool.js';
import { APP_CLIENT_SETTINGS, TOKEN_LIFETIME_BOUNDS_SECONDS, updateAppClientInput } from '../src/resources/appClient.js';
import {
  boundTo,
  describeBinding,
  findOurStatement,
  looseForeignStatements,
  ourTrustStatement,
  withOurStatement,
  withoutOurStatement,
} from '../src/resources/trustPolicy.js';

const POOL_ID = 'us-east-1:11111111-2222-3333-4444-555555555555';

describe('a plan is typed changes', () => {
  const live = {
    Id: 'us-east-1_Abc',
    Name: 'walkthrough',
    Policies: { PasswordPolicy: { MinimumLength: 16, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: false, TemporaryPasswordValidityDays: 3 } },
    AutoVerifiedAttributes: ['phone_number' as const],
    AdminCreateUserConfig: { AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 7, InviteMessageTemplate: { EmailSubject: 'Welcome' } },
    DeletionProtection: 'INACTIVE' as const,
    EmailVerificationSubject: 'Verify',
  };

  test('the safe settings: each difference once, with its from, to and check; a stronger setting satisfies a weaker wish', () => {
    const { changes, warnings, blocked } = diffSettings(USER_POOL_SETTINGS, live, SAFE_USER_POOL_SETTINGS);
    expect(changes.map(({ setting, from, to }) => ({ setting, from, to }))).toEqual([
      { setting: 'selfRegistration', from: 'on', to: 'off' },
      { setting: 'emailAutoVerified', from: false, to: true },
      { setting: 'deletionProtection', from: 'INACTIVE', to: 'ACTIVE' },
      { setting: 'passwordRequiresSymbols', from: false, to: true },
    ]);
    expect(changes[0].check).toBe('cognito_user_pool_self_registration_disabled');
    // Username sign-in is fixed at creation: a warning, not a blocker.
    expect(warnings.map((w) => w.setting)).toEqual(['signInWithEmail']);
    expect(blocked).toEqual([]);
  });

  test('a partial desired state yields at most its own change', () => {
    const { changes, warnings } = diffSettings(USER_POOL_SETTINGS, live, { selfRegistration: 'off' });
    expect(changes.map((c) => c.setting)).toEqual(['selfRegistration']);
    expect(warnings).toEqual([]);
  });

  test('apply writes exactly the changes into an update carrying every live setting', () => {
    const { changes } = diffSettings(USER_POOL_SETTINGS, live, { selfRegistration: 'off', emailAutoVerified: true });
    const requests = { UpdateUserPool: updateUserPoolInput(live), SetUserPoolMfaConfig: { UserPoolId: 'us-east-1_Abc' }, SetRiskConfiguration: { UserPoolId: 'us-east-1_Abc' } };
    const input = writeChanges(USER_POOL_SETTINGS, requests, changes, live).UpdateUserPool;
    expect(requests.SetUserPoolMfaConfig).toEqual({ UserPoolId: 'us-east-1_Abc' });
    expect(input.AdminCreateUserConfig).toEqual({ AllowAdminCreateUserOnly: true, InviteMessageTemplate: { EmailSubject: 'Welcome' } });
    expect(input.AutoVerifiedAttributes).toEqual(['phone_number', 'email']);
    expect(input).toMatchObject({ UserPoolId: 'us-east-1_Abc', PoolName: 'walkthrough', Policies: live.Policies, DeletionProtection: 'INACTIVE', EmailVerificationSubject: 'Verify' });
    expect(Object.values(input).includes(undefined)).toBe(false);
  });
});

describe('user pool settings written through another operation', () => {
  const live = { Id: 'us-east-1_Abc', Name: 'p', MfaConfiguration: 'OFF' as const, UserPoolTier: 'ESSENTIALS' as const, mfaConfig: { MfaConfiguration: 'OFF' as const } };

  test('MFA, threat protection and the risk configuration are each changes of their own request', () => {
    const { changes } = diffSettings(USER_POOL_SETTINGS, live, userPoolSettings({ mfa: 'required', threatProtection: 'enforce' }));
    const grouped = changesByOperation(USER_POOL_SETTINGS, changes, 'UpdateUserPool');
    expect([...grouped.keys()].sort()).toEqual(['SetRiskConfiguration', 'SetUserPoolMfaConfig', 'UpdateUserPool']);
    expect(grouped.get('SetUserPoolMfaConfig')!.map((c) => c.setting)).toEqual(['mfa']);
    expect(grouped.get('SetRiskConfiguration')!.map((c) => c.setting).sort()).toEqual(['accountTakeover', 'compromisedCredentials']);
    const requests = { UpdateUserPool: updateUserPoolInput(live), SetUserPoolMfaConfig: { UserPoolId: live.Id }, SetRiskConfiguration: { UserPoolId: live.Id } };
    writeChanges(USER_POOL_SETTINGS, requests, changes, live);
    // TOTP on, never SMS; the update keeps the live MFA mode (it is sent first).
    expect(requests.SetUserPoolMfaConfig).toEqual({ UserPoolId: live.Id, MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } });
    expect(requests.UpdateUserPool).toMatchObject({ MfaConfiguration: 'OFF', UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' } });
    expect(requests.SetRiskConfiguration).toMatchObject({
      CompromisedCredentialsRiskConfiguration: { EventFilter: expect.arrayContaining(['SIGN_IN']), Actions: { EventAction: 'BLOCK' } },
      AccountTakeoverRiskConfiguration: { Actions: { LowAction: { EventAction: 'BLOCK' }, MediumAction: { EventAction: 'BLOCK' }, HighAction: { EventAction: 'BLOCK' } } },
    });
  });

  test('MFA on with SMS as the only factor is not the safe TOTP setting', () => {
    const smsOnly = { ...live, MfaConfiguration: 'ON' as const, mfaConfig: { MfaConfiguration: 'ON' as const, SoftwareTokenMfaConfiguration: { Enabled: false } } };
    const { changes } = diffSettings(USER_POOL_SETTINGS, smsOnly, { mfa: 'required' });
    expect(changes).toEqual([expect.objectContaining({ setting: 'mfa', from: 'required (no TOTP)', to: 'required' })]);
  });

  test('the MFA request starts from the live configuration: their SMS, e-mail and passkeys kept; OFF carries no factor', () => {
    const sms = { SmsAuthenticationMessage: 'Code {####}', SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::123456789012:role/sms' } };
    const email = { Message: 'Code {####}', Subject: 'Code' };
    const webAuthn = { RelyingPartyId: 'example.com', UserVerification: 'preferred' as const };
    const theirs = {
      ...live,
      MfaConfiguration: 'OPTIONAL' as const,
      mfaConfig: { MfaConfiguration: 'OPTIONAL' as const, SoftwareTokenMfaConfiguration: { Enabled: false }, SmsMfaConfiguration: sms, EmailMfaConfiguration: email, WebAuthnConfiguration: webAuthn },
    };
    const requestsWith = (mfa: 'required' | 'off') => {
      const requests = { UpdateUserPool: updateUserPoolInput(theirs), SetUserPoolMfaConfig: mfaConfigInput(theirs, theirs.Id), SetRiskConfiguration: { UserPoolId: theirs.Id } };
      return writeChanges(USER_POOL_SETTINGS, requests, diffSettings(USER_POOL_SETTINGS, theirs, { mfa }).changes, theirs).SetUserPoolMfaConfig;
    };
    expect(requestsWith('required')).toEqual({
      UserPoolId: theirs.Id,
      MfaConfiguration: 'ON',
      SoftwareTokenMfaConfiguration: { Enabled: true },
      SmsMfaConfiguration: sms,
      EmailMfaConfiguration: email,
      WebAuthnConfiguration: webAuthn,
    });
    expect(requestsWith('off')).toEqual({ UserPoolId: theirs.Id, MfaConfiguration: 'OFF', WebAuthnConfiguration: webAuthn });
  });
});

describe('identity pool providers', () => {
  const want = { region: 'us-east-1', userPoolId: 'us-east-1_New', clientId: 'client1' };
  const ours = 'cognito-idp.us-east-1.amazonaws.com/us-east-1_New client client1 (server-side token check)';
  const theirs = { ProviderName: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Theirs', ClientId: 'x', ServerSideTokenCheck: false };
  const pool = { IdentityPoolId: POOL_ID, IdentityPoolName: 'p', AllowUnauthenticatedIdentities: false, CognitoIdentityProviders: [theirs] };

  test('in a pool setup made: exactly its provider', () => {
    const { changes } = diffSettings(IDENTITY_POOL_SETTINGS, pool, { providers: identityPoolSettings(want, 'created').providers });
    expect(changes[0].to).toEqual([ours]);
  });

  test('in a pool handed over: its provider beside the others, which stay', () => {
    const { changes } = diffSettings(IDENTITY_POOL_SETTINGS, pool, { providers: identityPoolSettings(want, 'adopted').providers });
    expect(changes[0].to).toEqual(['cognito-idp.us-east-1.amazonaws.com/us-east-1_Theirs client x', ours]);
  });
});

describe('trust statements', () => {
  const sid = 'MmbatchAuth6d6d';
  const foreign = { Sid: 'Ec2', Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' };
  const loose = { Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' };

  test('setup\'s statement binds the pool (aud) and signed-in users (amr)', () => {
    expect(describeBinding(ourTrustStatement(POOL_ID, sid))).toBe(boundTo(POOL_ID));
    expect(describeBinding(loose)).toBe('any identity pool (no aud), unauthenticated identities too (no amr=authenticated)');
  });

  test('added beside the others; found again by its Sid; removed alone', () => {
    const policy = withOurStatement({ Version: '2012-10-17', Statement: [foreign] }, ourTrustStatement(POOL_ID, sid), undefined);
    expect(policy.Statement).toEqual([foreign, ourTrustStatement(POOL_ID, sid)]);
    const ours = findOurStatement(policy, sid, false);
    expect(ours?.Sid).toBe(sid);
    expect(withoutOurStatement(policy, ours!)).toEqual({ Version: '2012-10-17', Statement: [foreign] });
  });

  test('a statement setup did not write that admits Cognito Identity loosely is named, not changed', () => {
    const policy = { Statement: [loose, ourTrustStatement(POOL_ID, sid)] };
    expect(looseForeignStatements(policy, findOurStatement(policy, sid, false))).toEqual([loose]);
    // In a role an older version of this tool made, its lone Sid-less statement is its own.
    expect(findOurStatement({ Statement: [loose] }, sid, true)).toBe(loose);
    expect(findOurStatement({ Statement: [loose] }, sid, false)).toBeUndefined();
  });
});

describe('app client token lifetimes are compared exactly, in seconds', () => {
  const client = (AccessTokenValidity: number, unit?: 'seconds' | 'minutes' | 'hours' | 'days') => ({
    UserPoolId: 'us-east-1_Abc',
    ClientId: 'client',
    AccessTokenValidity,
    ...(unit ? { TokenValidityUnits: { AccessToken: unit } } : {}),
  });
  const bound = { accessTokenLifetime: TOKEN_LIFETIME_BOUNDS_SECONDS.AccessToken };

  test.each([
    // 3,629 seconds rounds to 60 minutes, yet it is over the hour.
    [3629, 'seconds', 3629],
    [3601, 'seconds', 3601],
    [61, 'minutes', 3660],
    [2, 'hours', 7200],
    [1, 'days', 86400],
  ] as const)('%d %s is longer than an hour: drift (%d seconds)', (value, unit, seconds) => {
    const { changes } = diffSettings(APP_CLIENT_SETTINGS, client(value, unit), bound);
    expect(changes.map(({ setting, from, to }) => ({ setting, from, to }))).toEqual([{ setting: 'accessTokenLifetime', from: seconds, to: 3600 }]);
    expect(changes[0].check).toBe('app_client_token_lifetimes_bounded');
  });

  test.each([
    [3600, 'seconds'],
    [3599, 'seconds'],
    [60, 'minutes'],
    [1, 'hours'],
    [1, undefined], // no unit: the API's default for access tokens, hours
    [0, undefined], // 0: Cognito's default, an hour
  ] as const)('%d %s is at most an hour: no change', (value, unit) => {
    expect(diffSettings(APP_CLIENT_SETTINGS, client(value, unit), bound).changes).toEqual([]);
  });

  test('the repair writes the bound in whole minutes', () => {
    const live = client(3629, 'seconds');
    const { changes } = diffSettings(APP_CLIENT_SETTINGS, live, bound);
    const input = writeChanges(APP_CLIENT_SETTINGS, updateAppClientInput(live), changes, live);
    expect(input).toMatchObject({ AccessTokenValidity: 60, TokenValidityUnits: { AccessToken: 'minutes' } });
  });
});
