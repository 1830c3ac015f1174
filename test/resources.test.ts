// The pure parts of the resources: the Update* inputs carry every live setting (Cognito resets
// whatever an Update request leaves out, which the emulators do not all do), and the trust-policy
// audit accepts only a policy bound to this identity pool and to authenticated users.
import { updateUserPoolInput, userPoolDrift } from '../src/resources/userPool.js';
import { updateAppClientInput, appClientDrift } from '../src/resources/appClient.js';
import { desiredTrustPolicy, decodePolicyDocument, trustPolicyDrift } from '../src/resources/trustPolicy.js';

const POOL_ID = 'us-east-1:11111111-2222-3333-4444-555555555555';

describe('updateUserPoolInput', () => {
  const live = {
    Id: 'us-east-1_Abc',
    Name: 'mmbatch',
    Policies: { PasswordPolicy: { MinimumLength: 14, TemporaryPasswordValidityDays: 3 } },
    MfaConfiguration: 'OPTIONAL' as const,
    LambdaConfig: { PreSignUp: 'arn:aws:lambda:us-east-1:123456789012:function:pre' },
    AutoVerifiedAttributes: ['email' as const],
    AdminCreateUserConfig: { AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 7, InviteMessageTemplate: { EmailSubject: 'Welcome' } },
    DeletionProtection: 'ACTIVE' as const,
    UserPoolTags: { team: 'hpc' },
    EmailVerificationSubject: 'Verify',
  };

  test('keeps every live setting and changes only what is asked', () => {
    const input = updateUserPoolInput(live, { AdminCreateUserConfig: { ...live.AdminCreateUserConfig, AllowAdminCreateUserOnly: true } });
    expect(input).toMatchObject({
      UserPoolId: 'us-east-1_Abc',
      PoolName: 'mmbatch',
      Policies: live.Policies,
      MfaConfiguration: 'OPTIONAL',
      LambdaConfig: live.LambdaConfig,
      AutoVerifiedAttributes: ['email'],
      DeletionProtection: 'ACTIVE',
      UserPoolTags: { team: 'hpc' },
      EmailVerificationSubject: 'Verify',
    });
    expect(input.AdminCreateUserConfig?.AllowAdminCreateUserOnly).toBe(true);
    expect(input.AdminCreateUserConfig?.InviteMessageTemplate).toEqual({ EmailSubject: 'Welcome' });
  });

  test('drops the deprecated UnusedAccountValidityDays, which AWS refuses beside TemporaryPasswordValidityDays', () => {
    expect(updateUserPoolInput(live, {}).AdminCreateUserConfig).not.toHaveProperty('UnusedAccountValidityDays');
  });

  test('sends no undefined fields', () => {
    expect(Object.values(updateUserPoolInput({ Id: 'us-east-1_Abc' }, {})).includes(undefined)).toBe(false);
  });

  test('drift names self-registration, e-mail verification and deletion protection', () => {
    expect(userPoolDrift(live, { selfSignupDisabled: true })).toEqual(['self-registration is on']);
    expect(userPoolDrift({ ...live, AutoVerifiedAttributes: [], DeletionProtection: 'INACTIVE' }, { selfSignupDisabled: false })).toEqual([
      'e-mail is not auto-verified',
      'deletion protection is off',
    ]);
  });
});

describe('updateAppClientInput', () => {
  const live = {
    UserPoolId: 'us-east-1_Abc',
    ClientId: 'client1',
    ClientName: 'mmbatch-spa',
    AccessTokenValidity: 15,
    TokenValidityUnits: { AccessToken: 'minutes' as const },
    CallbackURLs: ['https://mmbatch.example.com/callback'],
    AllowedOAuthFlows: ['code' as const],
    AllowedOAuthScopes: ['openid'],
    AllowedOAuthFlowsUserPoolClient: true,
    ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH' as const, 'ALLOW_USER_PASSWORD_AUTH' as const],
    PreventUserExistenceErrors: 'LEGACY' as const,
    EnableTokenRevocation: true,
  };

  test('keeps token lifetimes and OAuth settings a person configured', () => {
    const input = updateAppClientInput(live, { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'] });
    expect(input).toMatchObject({
      ClientName: 'mmbatch-spa',
      AccessTokenValidity: 15,
      TokenValidityUnits: { AccessToken: 'minutes' },
      CallbackURLs: live.CallbackURLs,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid'],
      AllowedOAuthFlowsUserPoolClient: true,
      EnableTokenRevocation: true,
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'],
    });
  });

  test('drift names a secret, extra and missing flows, and user-existence errors', () => {
    expect(appClientDrift({ ...live, ClientSecret: 'x' }, { authFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] })).toEqual([
      'the client has a secret',
      'extra auth flows: ALLOW_USER_PASSWORD_AUTH',
      'missing auth flows: ALLOW_REFRESH_TOKEN_AUTH',
      'user-existence errors are not hidden',
    ]);
  });
});

describe('trust policy', () => {
  test('the policy setup writes passes its own audit', () => {
    expect(trustPolicyDrift(desiredTrustPolicy(POOL_ID), POOL_ID)).toEqual([]);
  });

  test('IAM answers URL-encoded documents; both forms decode', () => {
    const policy = desiredTrustPolicy(POOL_ID);
    expect(decodePolicyDocument(encodeURIComponent(JSON.stringify(policy)))).toEqual(policy);
    expect(decodePolicyDocument(JSON.stringify(policy))).toEqual(policy);
  });

  test('a policy without aud admits every identity pool: drift', () => {
    const policy = desiredTrustPolicy(POOL_ID);
    const statement = (policy.Statement as any[])[0];
    delete statement.Condition.StringEquals;
    expect(trustPolicyDrift(policy, POOL_ID)).toEqual([`the trust policy is not bound to identity pool ${POOL_ID} (aud)`]);
  });

  test('a policy bound to another pool, or admitting unauthenticated identities: drift', () => {
    const other = desiredTrustPolicy('us-east-1:99999999-2222-3333-4444-555555555555');
    expect(trustPolicyDrift(other, POOL_ID)).toEqual([`the trust policy is not bound to identity pool ${POOL_ID} (aud)`]);
    const policy = desiredTrustPolicy(POOL_ID);
    (policy.Statement as any[])[0].Condition['ForAnyValue:StringLike']['cognito-identity.amazonaws.com:amr'] = 'unauthenticated';
    expect(trustPolicyDrift(policy, POOL_ID)).toEqual(['the trust policy is not limited to authenticated users (amr)']);
  });

  test('a second, unconditioned statement for Cognito Identity is drift too', () => {
    const policy = desiredTrustPolicy(POOL_ID);
    (policy.Statement as any[]).push({ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' });
    expect(trustPolicyDrift(policy, POOL_ID)).toHaveLength(2);
  });

  test('a policy that does not admit Cognito Identity at all', () => {
    expect(trustPolicyDrift({ Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' } as any, Action: 'sts:AssumeRole' }] }, POOL_ID)).toEqual([
      'the trust policy does not admit Cognito Identity',
    ]);
    expect(trustPolicyDrift(undefined, POOL_ID)).toEqual(['the trust policy cannot be read']);
  });
});
