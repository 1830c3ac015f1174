// The local stack itself, driven by the real SDK v3 clients and the real SRP client library, as the CLI will drive it.
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminListGroupsForUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolCommand,
  GetGroupCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoIdentityClient, ListIdentityPoolsCommand } from '@aws-sdk/client-cognito-identity';
import { CreateRoleCommand, GetRoleCommand, IAMClient, ListRolesCommand } from '@aws-sdk/client-iam';
import { createSrpSession, signSrpSession, wrapAuthChallenge, wrapInitiateAuth } from 'cognito-srp-helper';
import { createPublicKey, verify } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startStack } from '../stack.mjs';
import { startCognitoLocal } from '../gateway/cognito-local-process.mjs';
import { createIdentityAndIamHandlers } from '../gateway/identity-and-iam.mjs';

const PASSWORD = 'Correct-horse-42!';
const EMAIL = 'ann@example.com';

/** @type {Awaited<ReturnType<typeof startStack>>} */
let stack;
/** @type {CognitoIdentityProviderClient} */
let idp;
let poolId = '';
let clientId = '';
let username = ''; // cognito-local's UUID username for EMAIL

/** @param {Record<string, unknown>} [extra] */
const clientConfig = (extra = {}) => ({
  endpoint: stack.endpoint,
  region: stack.region,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  ...extra,
});

/** A full USER_SRP_AUTH sign-in, exactly as a browser or our CLI does it. */
async function srpSignIn(name, password, client = clientId) {
  const session = createSrpSession(name, password, poolId, false);
  const challenge = await idp.send(
    new InitiateAuthCommand(wrapInitiateAuth(session, { ClientId: client, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: name } })),
  );
  const signed = signSrpSession(session, challenge);
  return idp.send(
    new RespondToAuthChallengeCommand(
      wrapAuthChallenge(signed, {
        ClientId: client,
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeResponses: { USERNAME: challenge.ChallengeParameters?.USER_ID_FOR_SRP },
      }),
    ),
  );
}

/** @param {string} jwt */
const decode = (jwt) => jwt.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));

beforeAll(async () => {
  stack = await startStack();
  idp = new CognitoIdentityProviderClient(clientConfig());
  const pool = await idp.send(
    new CreateUserPoolCommand({ PoolName: 'mmbatch', UsernameAttributes: ['email'], AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } }),
  );
  poolId = pool.UserPool?.Id ?? '';
  const client = await idp.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'mmbatch-spa',
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      PreventUserExistenceErrors: 'ENABLED',
    }),
  );
  clientId = client.UserPoolClient?.ClientId ?? '';
  const user = await idp.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: EMAIL, MessageAction: 'SUPPRESS' }));
  username = user.User?.Username ?? '';
  await idp.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: EMAIL, Password: PASSWORD, Permanent: true }));
});

afterAll(async () => {
  idp?.destroy();
  await stack?.stop();
});

describe('SRP sign-in (USER_SRP_AUTH)', () => {
  test('the right password gets tokens signed by the key served at jwksUri, issued by issuer(poolId)', async () => {
    const { AuthenticationResult: tokens } = await srpSignIn(EMAIL, PASSWORD);
    expect(tokens).toMatchObject({ TokenType: 'Bearer', ExpiresIn: expect.any(Number) });

    const [header, claims] = decode(tokens?.AccessToken ?? '');
    expect(claims).toMatchObject({ iss: stack.issuer(poolId), client_id: clientId, username, token_use: 'access' });
    const jwks = await (await fetch(stack.jwksUri(poolId))).json();
    const jwk = jwks.keys.find((key) => key.kid === header.kid);
    const [head, body, signature] = (tokens?.AccessToken ?? '').split('.');
    const key = createPublicKey({ key: jwk, format: 'jwk' });
    expect(verify('RSA-SHA256', Buffer.from(`${head}.${body}`), key, Buffer.from(signature, 'base64url'))).toBe(true);
  });

  test('the user can be named by e-mail or by username', async () => {
    expect(username).not.toBe(EMAIL); // cognito-local gives e-mail pools a UUID username
    const { AuthenticationResult } = await srpSignIn(username, PASSWORD);
    expect(AuthenticationResult?.IdToken).toBeDefined();
  });

  test('a wrong password or an unknown user is NotAuthorizedException "Incorrect username or password."', async () => {
    const refused = { name: 'NotAuthorizedException', message: 'Incorrect username or password.' };
    await expect(srpSignIn(EMAIL, 'Wrong-horse-42!')).rejects.toMatchObject(refused);
    await expect(srpSignIn('nobody@example.com', PASSWORD)).rejects.toMatchObject(refused);
  });

  test('a temporary password leads to NEW_PASSWORD_REQUIRED, and answering it signs in', async () => {
    await idp.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'new@example.com', MessageAction: 'SUPPRESS' }));
    const temporary = await stack.userPassword(poolId, 'new@example.com');
    const challenge = await srpSignIn('new@example.com', temporary ?? '');
    expect(challenge.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');

    const answer = await idp.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: 'new@example.com', NEW_PASSWORD: 'Brand-new-pass-1!' },
      }),
    );
    expect(answer.AuthenticationResult?.AccessToken).toBeDefined();
    expect(await stack.userPassword(poolId, 'new@example.com')).toBe('Brand-new-pass-1!');

    // Its refresh token renews (cognito-local alone would not have remembered it).
    const renewed = await idp.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: answer.AuthenticationResult?.RefreshToken ?? '' },
      }),
    );
    expect(renewed.AuthenticationResult).toMatchObject({ AccessToken: expect.any(String), TokenType: 'Bearer' });
  });

  test('a new password must meet the pool policy', async () => {
    const weak = new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: EMAIL, Password: 'short', Permanent: true });
    await expect(idp.send(weak)).rejects.toMatchObject({
      name: 'InvalidPasswordException',
      message: 'Password does not conform to policy: Password not long enough',
    });
  });
});

describe('password sign-in follows the client settings', () => {
  test('ADMIN_USER_PASSWORD_AUTH on a client that does not allow it is refused', async () => {
    const signIn = new AdminInitiateAuthCommand({
      UserPoolId: poolId,
      ClientId: clientId,
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: EMAIL, PASSWORD },
    });
    await expect(idp.send(signIn)).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  test('a wrong password is NotAuthorizedException, as with real Cognito', async () => {
    const { UserPoolClient } = await idp.send(
      new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'cli', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }),
    );
    const signIn = (password) =>
      idp.send(new InitiateAuthCommand({ ClientId: UserPoolClient?.ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: EMAIL, PASSWORD: password } }));
    await expect(signIn('Wrong-horse-42!')).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    expect((await signIn(PASSWORD)).AuthenticationResult?.TokenType).toBe('Bearer');
  });
});

describe('call recording', () => {
  test('every call is recorded with its service, operation and kind', async () => {
    stack.resetCalls();
    await idp.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
    await idp.send(new UpdateUserPoolCommand({ UserPoolId: poolId, AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } }));
    await srpSignIn(EMAIL, PASSWORD);

    expect(stack.calls.map(({ service, operation, kind }) => ({ service, operation, kind }))).toEqual([
      { service: 'cognito-idp', operation: 'DescribeUserPool', kind: 'read' },
      { service: 'cognito-idp', operation: 'UpdateUserPool', kind: 'write' },
      { service: 'cognito-idp', operation: 'InitiateAuth', kind: 'auth' },
      { service: 'cognito-idp', operation: 'RespondToAuthChallenge', kind: 'auth' },
    ]);
    expect(stack.writeCalls().map((call) => call.operation)).toEqual(['UpdateUserPool']);
    expect(stack.calls.every((call) => typeof call.at === 'number')).toBe(true);
  });

  test('cognito-identity and IAM calls reach the emulator through the same endpoint', async () => {
    if (!existsSync(new URL('../emulator/index.mjs', import.meta.url))) return; // written by another module
    stack.resetCalls();
    const identity = new CognitoIdentityClient(clientConfig());
    const iam = new IAMClient(clientConfig());
    await identity.send(new ListIdentityPoolsCommand({ MaxResults: 10 }));
    await expect(iam.send(new GetRoleCommand({ RoleName: 'no-such-role' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
    expect(stack.calls.map((call) => `${call.service} ${call.operation} ${call.kind}`)).toEqual([
      'cognito-identity ListIdentityPools read',
      'iam GetRole read',
    ]);
    identity.destroy();
    iam.destroy();
  });

  test('without the emulator module, cognito-identity and IAM answer 501', async () => {
    const handlers = createIdentityAndIamHandlers('/nonexistent/emulator/index.mjs');
    await expect(handlers.iam('GetRole', {}, { region: 'us-east-1', accountId: '000000000000' })).rejects.toMatchObject({ status: 501 });
  });
});

describe('injected faults surface as the SDK exceptions of each service', () => {
  afterEach(() => stack.clearFaults());

  test('cognito-idp throttle and access denied', async () => {
    const once = new CognitoIdentityProviderClient(clientConfig({ maxAttempts: 1 }));
    stack.injectFault({ service: 'cognito-idp', operation: 'DescribeUserPool', error: 'throttle' });
    await expect(once.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).rejects.toMatchObject({
      name: 'TooManyRequestsException',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(once.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).resolves.toBeDefined(); // times defaults to 1

    stack.injectFault({ service: 'cognito-idp', operation: 'CreateUserPool', error: 'accessDenied' });
    await expect(once.send(new CreateUserPoolCommand({ PoolName: 'denied' }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('is not authorized to perform: cognito-idp:CreateUserPool'),
    });
    once.destroy();
  });

  test('an internal error is retried by a default client', async () => {
    stack.injectFault({ service: 'cognito-idp', operation: 'DescribeUserPool', error: 'internal' });
    const answer = await idp.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
    expect(answer.$metadata.attempts).toBe(2);
  });

  test('cognito-identity and IAM, whose wire formats differ', async () => {
    const identity = new CognitoIdentityClient(clientConfig({ maxAttempts: 1 }));
    const iam = new IAMClient(clientConfig({ maxAttempts: 1 }));
    stack.injectFault({ service: 'cognito-identity', operation: 'ListIdentityPools', error: 'throttle' });
    stack.injectFault({ service: 'iam', operation: 'CreateRole', error: 'accessDenied', times: 2 });
    stack.injectFault({ service: 'iam', operation: 'GetRole', error: 'throttle' });
    stack.injectFault({ service: 'iam', operation: 'ListRoles', error: { code: 'LimitExceeded', status: 409, message: 'too many roles' } });

    await expect(identity.send(new ListIdentityPoolsCommand({ MaxResults: 1 }))).rejects.toMatchObject({ name: 'TooManyRequestsException' });
    const createRole = new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: '{}' });
    for (let i = 0; i < 2; i += 1) {
      await expect(iam.send(createRole)).rejects.toMatchObject({
        name: 'AccessDenied',
        message: expect.stringContaining('not authorized to perform: iam:CreateRole'),
        $metadata: { httpStatusCode: 403 },
      });
    }
    await expect(iam.send(new GetRoleCommand({ RoleName: 'r' }))).rejects.toMatchObject({ name: 'Throttling' });
    await expect(iam.send(new ListRolesCommand({}))).rejects.toMatchObject({ name: 'LimitExceededException', message: 'too many roles' });
    identity.destroy();
    iam.destroy();
  });
});

describe('latency', () => {
  afterEach(() => stack.setDelay(0));

  test('setDelay holds every AWS call, but not the JWKS document', async () => {
    stack.setDelay(250);
    let started = performance.now();
    await idp.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);

    started = performance.now();
    await fetch(stack.jwksUri(poolId));
    expect(performance.now() - started).toBeLessThan(240);
  });
});

describe('deletion protection', () => {
  test('an ACTIVE pool cannot be deleted until protection is turned off', async () => {
    const { UserPool } = await idp.send(new CreateUserPoolCommand({ PoolName: 'protected', DeletionProtection: 'ACTIVE' }));
    const id = UserPool?.Id ?? '';
    expect((await idp.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool?.DeletionProtection).toBe('ACTIVE');

    await expect(idp.send(new DeleteUserPoolCommand({ UserPoolId: id }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining('deletion protection is activated'),
    });
    // As on AWS, an UpdateUserPool that leaves DeletionProtection out resets it to INACTIVE.
    await idp.send(new UpdateUserPoolCommand({ UserPoolId: id }));
    expect((await idp.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool?.DeletionProtection).toBe('INACTIVE');
    await idp.send(new DeleteUserPoolCommand({ UserPoolId: id }));
  });
});

describe('where cognito-local strays from Cognito, the gateway answers like Cognito', () => {
  test('pool ids and ARNs are shaped like AWS ones, in the stack region', async () => {
    expect(poolId).toMatch(new RegExp(`^${stack.region}_[0-9A-Za-z]{9}$`));
    const { UserPool } = await idp.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
    expect(UserPool?.Arn).toBe(`arn:aws:cognito-idp:${stack.region}:000000000000:userpool/${poolId}`);
  });

  test('groups: missing is ResourceNotFoundException, duplicate is GroupExistsException, members found by e-mail', async () => {
    const { UserPool } = await idp.send(new CreateUserPoolCommand({ PoolName: 'groups', UsernameAttributes: ['email'] }));
    const id = UserPool?.Id ?? '';
    await expect(idp.send(new GetGroupCommand({ UserPoolId: id, GroupName: 'admin' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await idp.send(new CreateGroupCommand({ UserPoolId: id, GroupName: 'admin' }));
    await expect(idp.send(new CreateGroupCommand({ UserPoolId: id, GroupName: 'admin' }))).rejects.toMatchObject({
      name: 'GroupExistsException',
    });
    await idp.send(new AdminCreateUserCommand({ UserPoolId: id, Username: EMAIL, MessageAction: 'SUPPRESS' }));
    await idp.send(new AdminAddUserToGroupCommand({ UserPoolId: id, Username: EMAIL, GroupName: 'admin' }));
    const { Groups } = await idp.send(new AdminListGroupsForUserCommand({ UserPoolId: id, Username: EMAIL }));
    expect(Groups?.map((group) => group.GroupName)).toEqual(['admin']);
  });
});

describe('start and stop', () => {
  test('a cognito-local that cannot start is reported with its output, not waited for', async () => {
    const taken = net.createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => taken.once('listening', resolve));
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'stack-test-'));
    const port = /** @type {import('node:net').AddressInfo} */ (taken.address()).port;
    try {
      await expect(startCognitoLocal({ dataDir, port, region: 'us-east-1', issuerDomain: 'http://127.0.0.1:1' })).rejects.toThrow(
        /cognito-local exited with 1; its output is in .*EADDRINUSE/s,
      );
    } finally {
      taken.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('leaves no process, port or file behind', async () => {
    const own = await startStack();
    const { cognitoLocalPid, dataDir, endpoint, cognitoLocalUrl } = own;
    await own.stop();
    await own.stop(); // twice is harmless

    expect(() => process.kill(cognitoLocalPid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
    expect(existsSync(dataDir)).toBe(false);
    await expect(fetch(`${endpoint}/x/.well-known/jwks.json`)).rejects.toThrow();
    await expect(fetch(`${cognitoLocalUrl}/health`)).rejects.toThrow();
  });
});
