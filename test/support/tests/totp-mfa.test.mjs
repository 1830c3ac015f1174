// TOTP MFA as Cognito runs it: the pool's MFA setting, associating and verifying a software token (with an access
// token, or with the session of an MFA_SETUP challenge), users' MFA preferences, and the challenges at sign-in
// (SRP, password and admin flows).
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminSetUserPasswordCommand,
  AssociateSoftwareTokenCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  GetUserCommand,
  GetUserPoolMfaConfigCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  UpdateUserPoolCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createSrpSession, signSrpSession, wrapAuthChallenge, wrapInitiateAuth } from 'cognito-srp-helper';
import { useStack } from './helpers/use-stack.mjs';

const PASSWORD = 'Second-factor-42!';

const local = useStack();
/** @type {typeof local.stack} */
let stack;
/** @type {typeof local.idp} */
let idp;
beforeAll(() => ({ stack, idp } = local));

let users = 0;
/** A pool (e-mail sign-in) with a client allowing every flow these tests use, and one confirmed user. */
async function world() {
  const poolId = (await idp.send(new CreateUserPoolCommand({ PoolName: 'mfa', UsernameAttributes: ['email'] }))).UserPool?.Id ?? '';
  const clientId =
    (await idp.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: 'spa',
        ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    )).UserPoolClient?.ClientId ?? '';
  users += 1;
  const email = `user${users}@example.com`;
  await idp.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: email, MessageAction: 'SUPPRESS' }));
  await idp.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: email, Password: PASSWORD, Permanent: true }));
  return { poolId, clientId, email };
}

/** @param {{ clientId: string, email: string }} w */
const passwordSignIn = (w) => idp.send(new InitiateAuthCommand({ ClientId: w.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: w.email, PASSWORD } }));

/** @param {{ poolId: string, clientId: string, email: string }} w */
async function srpSignIn(w) {
  const session = createSrpSession(w.email, PASSWORD, w.poolId, false);
  const challenge = await idp.send(new InitiateAuthCommand(wrapInitiateAuth(session, { ClientId: w.clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: w.email } })));
  const signed = signSrpSession(session, challenge);
  return idp.send(
    new RespondToAuthChallengeCommand(
      wrapAuthChallenge(signed, { ClientId: w.clientId, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: { USERNAME: challenge.ChallengeParameters?.USER_ID_FOR_SRP } }),
    ),
  );
}

/** Turns TOTP on in the pool and enrols the user with an access token; returns the secret. @param {{ poolId: string, clientId: string, email: string }} w */
async function enrol(w, mode = 'OPTIONAL') {
  await idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: w.poolId, MfaConfiguration: mode, SoftwareTokenMfaConfiguration: { Enabled: true } }));
  const AccessToken = (await passwordSignIn(w)).AuthenticationResult?.AccessToken;
  const { SecretCode } = await idp.send(new AssociateSoftwareTokenCommand({ AccessToken }));
  await idp.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: stack.totp(SecretCode ?? ''), FriendlyDeviceName: 'phone' }));
  await idp.send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
  return SecretCode ?? '';
}

/** A valid code that is not the one given (another moment's). @param {string} secret */
const wrongCode = (secret) => (stack.totp(secret) === '000000' ? '111111' : '000000');

test('the pool setting: Set/GetUserPoolMfaConfig, reflected in DescribeUserPool; ON without a factor is refused', async () => {
  const { poolId } = await world();
  expect(await idp.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }))).toMatchObject({ MfaConfiguration: 'OFF', SoftwareTokenMfaConfiguration: { Enabled: false } });
  await expect(idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'ON' }))).rejects.toMatchObject({
    name: 'InvalidParameterException',
    message: "Invalid MFA configuration given, can't turn off all MFAs and set MFA to be ON/OPTIONAL",
  });
  const set = await idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } }));
  expect(set).toMatchObject({ MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } });
  expect((await idp.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool?.MfaConfiguration).toBe('ON');
  expect(await idp.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }))).toMatchObject({ MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } });
  // UpdateUserPool sets it too; left out, it goes back to OFF.
  await idp.send(new UpdateUserPoolCommand({ UserPoolId: poolId, MfaConfiguration: 'OPTIONAL' }));
  expect((await idp.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool?.MfaConfiguration).toBe('OPTIONAL');
  await idp.send(new UpdateUserPoolCommand({ UserPoolId: poolId }));
  expect((await idp.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool?.MfaConfiguration).toBe('OFF');
  await expect(idp.send(new CreateUserPoolCommand({ PoolName: 'x', MfaConfiguration: 'ON' }))).rejects.toMatchObject({
    name: 'InvalidParameterException',
    message: 'SMS configuration and Auto verification for phone_number are required when MFA is required/optional',
  });
});

test('SetUserPoolMfaConfig resets what it leaves out, refuses OFF beside a factor and a request dropping a set-up SMS', async () => {
  const { poolId } = await world();
  const sms = { SmsAuthenticationMessage: 'Code {####}', SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::123456789012:role/sms', ExternalId: 'x' } };
  const email = { Message: 'Code {####}', Subject: 'Sign-in code' };
  await idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true }, EmailMfaConfiguration: email }));
  await idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'OPTIONAL', EmailMfaConfiguration: email }));
  const withoutTotp = await idp.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }));
  expect(withoutTotp).toMatchObject({ MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: false }, EmailMfaConfiguration: email });
  await idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } }));
  expect((await idp.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }))).EmailMfaConfiguration).toBeUndefined();
  await expect(idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'OFF', EmailMfaConfiguration: email }))).rejects.toMatchObject({
    name: 'InvalidParameterException',
    message: "Invalid MFA configuration given, can't turn off MFA and configure an MFA together.",
  });
  await idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'OFF', WebAuthnConfiguration: { RelyingPartyId: 'example.com', UserVerification: 'preferred' } }));
  await idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'OPTIONAL', SmsMfaConfiguration: sms }));
  await expect(idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } }))).rejects.toMatchObject({
    name: 'InvalidParameterException',
    message: "Can't turn off SMS_MFA when SMS configuration is set for the user pool",
  });
  // The SMS sending setup is the pool's: MFA OFF leaves it.
  await idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'OFF' }));
  expect(await idp.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }))).toMatchObject({ MfaConfiguration: 'OFF', SmsMfaConfiguration: sms });
});

test('enrolling with an access token: a base32 secret, a wrong code refused, then the user has TOTP', async () => {
  const w = await world();
  await idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: w.poolId, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } }));
  const AccessToken = (await passwordSignIn(w)).AuthenticationResult?.AccessToken;
  const { SecretCode } = await idp.send(new AssociateSoftwareTokenCommand({ AccessToken }));
  expect(SecretCode).toMatch(/^[A-Z2-7]{32}$/);
  await expect(idp.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: wrongCode(SecretCode ?? '') }))).rejects.toMatchObject({
    name: 'EnableSoftwareTokenMFAException',
    message: 'Code mismatch and fail enable Software Token MFA',
  });
  // Not verified yet: it cannot be turned on.
  await expect(idp.send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true } }))).rejects.toMatchObject({
    name: 'InvalidParameterException',
    message: 'User has not verified software token mfa',
  });
  expect(await idp.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: stack.totp(SecretCode ?? '') }))).toMatchObject({ Status: 'SUCCESS' });
  // Verified but not turned on: no MFA yet in an OPTIONAL pool.
  expect((await idp.send(new AdminGetUserCommand({ UserPoolId: w.poolId, Username: w.email }))).UserMFASettingList).toBeUndefined();
  expect((await passwordSignIn(w)).AuthenticationResult?.AccessToken).toBeDefined();

  await idp.send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
  expect(await idp.send(new AdminGetUserCommand({ UserPoolId: w.poolId, Username: w.email }))).toMatchObject({ UserMFASettingList: ['SOFTWARE_TOKEN_MFA'], PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA' });
  expect(await idp.send(new GetUserCommand({ AccessToken }))).toMatchObject({ UserMFASettingList: ['SOFTWARE_TOKEN_MFA'], PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA' });
});

test('signing in with TOTP on: SOFTWARE_TOKEN_MFA after the password (SRP and USER_PASSWORD_AUTH); a wrong code is CodeMismatchException', async () => {
  const w = await world();
  const secret = await enrol(w);
  for (const signIn of [srpSignIn, passwordSignIn]) {
    const challenge = await signIn(w);
    expect(challenge).toMatchObject({ ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: expect.any(String), ChallengeParameters: { FRIENDLY_DEVICE_NAME: 'phone' } });
    expect(challenge.AuthenticationResult).toBeUndefined();
    const answer = (/** @type {string} */ code) =>
      idp.send(new RespondToAuthChallengeCommand({ ClientId: w.clientId, ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: challenge.Session, ChallengeResponses: { USERNAME: w.email, SOFTWARE_TOKEN_MFA_CODE: code } }));
    await expect(answer(wrongCode(secret))).rejects.toMatchObject({ name: 'CodeMismatchException', message: 'Invalid code received for user' });
    const tokens = await answer(stack.totp(secret));
    expect(tokens.AuthenticationResult).toMatchObject({ AccessToken: expect.any(String), RefreshToken: expect.any(String), TokenType: 'Bearer' });
    // A session answers once.
    await expect(answer(stack.totp(secret))).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user.' });
  }
});

test('the admin flow: ADMIN_USER_PASSWORD_AUTH challenges, AdminRespondToAuthChallenge answers', async () => {
  const w = await world();
  const secret = await enrol(w);
  const challenge = await idp.send(new AdminInitiateAuthCommand({ UserPoolId: w.poolId, ClientId: w.clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: w.email, PASSWORD } }));
  expect(challenge.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
  const answered = await idp.send(
    new AdminRespondToAuthChallengeCommand({ UserPoolId: w.poolId, ClientId: w.clientId, ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: challenge.Session, ChallengeResponses: { USERNAME: w.email, SOFTWARE_TOKEN_MFA_CODE: stack.totp(secret) } }),
  );
  expect(answered.AuthenticationResult?.IdToken).toBeDefined();
  // Refreshing asks no code.
  const renewed = await idp.send(new InitiateAuthCommand({ ClientId: w.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: answered.AuthenticationResult?.RefreshToken ?? '' } }));
  expect(renewed.AuthenticationResult?.AccessToken).toBeDefined();
});

test('an administrator turns a user\'s TOTP off (AdminSetUserMFAPreference); MFA OFF in the pool asks no code', async () => {
  const w = await world();
  await enrol(w);
  await idp.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: w.poolId, Username: w.email, SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false } }));
  expect((await passwordSignIn(w)).AuthenticationResult).toBeDefined();
  expect((await idp.send(new AdminGetUserCommand({ UserPoolId: w.poolId, Username: w.email }))).UserMFASettingList).toBeUndefined();
  await idp.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: w.poolId, Username: w.email, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
  expect((await passwordSignIn(w)).ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
  await idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: w.poolId, MfaConfiguration: 'OFF' }));
  expect((await passwordSignIn(w)).AuthenticationResult).toBeDefined();
  await expect(idp.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: w.poolId, Username: 'nobody@example.com', SoftwareTokenMfaSettings: { Enabled: false } }))).rejects.toMatchObject({
    name: 'UserNotFoundException',
  });
});

test('MFA ON and a user without it: MFA_SETUP, then AssociateSoftwareToken(Session), VerifySoftwareToken(Session), RespondToAuthChallenge MFA_SETUP', async () => {
  const w = await world();
  await idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: w.poolId, MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } }));
  const challenge = await srpSignIn(w);
  expect(challenge).toMatchObject({ ChallengeName: 'MFA_SETUP', ChallengeParameters: { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' } });

  const associated = await idp.send(new AssociateSoftwareTokenCommand({ Session: challenge.Session }));
  expect(associated.SecretCode).toMatch(/^[A-Z2-7]+$/);
  expect(associated.Session).toEqual(expect.any(String));
  expect(associated.Session).not.toBe(challenge.Session);
  // Answering before the code is verified does not sign in.
  await expect(
    idp.send(new RespondToAuthChallengeCommand({ ClientId: w.clientId, ChallengeName: 'MFA_SETUP', Session: associated.Session, ChallengeResponses: { USERNAME: w.email } })),
  ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  await expect(idp.send(new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: wrongCode(associated.SecretCode ?? '') }))).rejects.toMatchObject({
    name: 'EnableSoftwareTokenMFAException',
  });
  const verified = await idp.send(new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: stack.totp(associated.SecretCode ?? '') }));
  expect(verified).toMatchObject({ Status: 'SUCCESS', Session: expect.any(String) });
  const tokens = await idp.send(
    new RespondToAuthChallengeCommand({ ClientId: w.clientId, ChallengeName: 'MFA_SETUP', Session: verified.Session, ChallengeResponses: { USERNAME: w.email } }),
  );
  expect(tokens.AuthenticationResult?.AccessToken).toBeDefined();

  // From now on the user is asked for a code.
  expect(await idp.send(new AdminGetUserCommand({ UserPoolId: w.poolId, Username: w.email }))).toMatchObject({ UserMFASettingList: ['SOFTWARE_TOKEN_MFA'], PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA' });
  expect((await passwordSignIn(w)).ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
});

test('sessions: an unknown one, or one of another client, is refused', async () => {
  const w = await world();
  await enrol(w);
  const challenge = await passwordSignIn(w);
  const other = (await idp.send(new CreateUserPoolClientCommand({ UserPoolId: w.poolId, ClientName: 'other', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] }))).UserPoolClient?.ClientId;
  const refused = { name: 'NotAuthorizedException', message: 'Invalid session for the user.' };
  await expect(
    idp.send(new RespondToAuthChallengeCommand({ ClientId: other, ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: challenge.Session, ChallengeResponses: { USERNAME: w.email, SOFTWARE_TOKEN_MFA_CODE: '123456' } })),
  ).rejects.toMatchObject(refused);
  await expect(idp.send(new AssociateSoftwareTokenCommand({ Session: 'a'.repeat(40) }))).rejects.toMatchObject(refused);
});

test('stack.totp: RFC 6238 (SHA-1, 30 s, 6 digits)', () => {
  const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // base32 of "12345678901234567890", the RFC's test key
  expect(stack.totp(secret, 59_000)).toBe('287082');
  expect(stack.totp(secret, 1_111_111_109_000)).toBe('081804');
  expect(stack.totp(secret, new Date(1_234_567_890_000))).toBe('005924');
  expect(stack.totp(secret)).toMatch(/^\d{6}$/);
});
