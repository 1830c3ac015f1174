// Many processes on one user pool at once: cognito-local alone can lose updates or corrupt the pool's file, so the
// gateway lets one call at a time work on a pool. Here 20 processes create users and sign in at once.
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPoolLocks } from '../gateway/pool-locks.mjs';
import { startStack } from '../stack.mjs';

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'helpers', 'pool-worker.mjs');
const PASSWORD = 'Many-hands-42!';
const SHARED = 'shared@example.com';
const WORKERS = 20;

/** @type {Awaited<ReturnType<typeof startStack>>} */
let stack;
/** @type {CognitoIdentityProviderClient} */
let idp;

beforeAll(async () => {
  stack = await startStack();
  idp = new CognitoIdentityProviderClient({ endpoint: stack.endpoint, region: stack.region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
});

afterAll(async () => {
  idp?.destroy();
  await stack?.stop();
});

/** @param {string[]} args @returns {Promise<{ ok: boolean, error?: string, sharedRefreshToken?: string }>} */
function runWorker(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER, ...args], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', () => {
      try {
        resolve(JSON.parse(out.trim().split('\n').pop() ?? ''));
      } catch {
        resolve({ ok: false, error: `no answer: ${out}` });
      }
    });
  });
}

test(`${WORKERS} processes create users and sign in at once: every write lands, the pool file stays whole`, async () => {
  const { UserPool } = await idp.send(new CreateUserPoolCommand({ PoolName: 'crowd', UsernameAttributes: ['email'] }));
  const poolId = UserPool?.Id ?? '';
  const { UserPoolClient } = await idp.send(
    new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'crowd', ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }),
  );
  const clientId = UserPoolClient?.ClientId ?? '';
  await idp.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: SHARED, MessageAction: 'SUPPRESS' }));
  await idp.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: SHARED, Password: PASSWORD, Permanent: true }));

  const results = await Promise.all(
    Array.from({ length: WORKERS }, (_, i) => runWorker([stack.endpoint, stack.region, poolId, clientId, String(i), SHARED, PASSWORD])),
  );
  expect(results.filter((r) => !r.ok)).toEqual([]);

  // Every user is there, and the pool's file is valid JSON.
  const names = [];
  let PaginationToken;
  do {
    const page = await idp.send(new ListUsersCommand({ UserPoolId: poolId, Limit: 60, PaginationToken }));
    names.push(...(page.Users ?? []).map((u) => u.Attributes?.find((a) => a.Name === 'email')?.Value));
    PaginationToken = page.PaginationToken;
  } while (PaginationToken);
  expect(names.sort()).toEqual([SHARED, ...Array.from({ length: WORKERS }, (_, i) => `worker${i}@example.com`)].sort());
  expect(() => JSON.parse(readFileSync(path.join(stack.dataDir, '.cognito', 'db', `${poolId}.json`), 'utf8'))).not.toThrow();

  // The shared user signed in 20 times at once: none of its 20 refresh tokens was lost to a concurrent write.
  const renewals = await Promise.allSettled(
    results.map((r) => idp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: r.sharedRefreshToken ?? '' } }))),
  );
  expect(renewals.filter((r) => r.status === 'rejected')).toEqual([]);
});

test('the locks: one call at a time per pool and on clients.json, different pools side by side', async () => {
  const locks = createPoolLocks({ poolOfClient: async (clientId) => (clientId === 'c1' ? 'us-east-1_A' : undefined) });
  expect(await locks.keysFor('AdminCreateUser', { UserPoolId: 'us-east-1_A' })).toEqual(['pool:us-east-1_A']);
  expect(await locks.keysFor('InitiateAuth', { ClientId: 'c1' })).toEqual(['pool:us-east-1_A']);
  expect(await locks.keysFor('CreateUserPoolClient', { UserPoolId: 'us-east-1_B' })).toEqual(['clients.json', 'pool:us-east-1_B']);
  const token = `e30.${Buffer.from(JSON.stringify({ iss: 'http://127.0.0.1:1/us-east-1_C' })).toString('base64url')}.x`;
  expect(await locks.keysFor('GetUser', { AccessToken: token })).toEqual(['pool:us-east-1_C']);

  /** @type {string[]} */
  const events = [];
  const slow = (/** @type {string} */ name, /** @type {number} */ ms) => async () => {
    events.push(`${name}+`);
    await new Promise((resolve) => setTimeout(resolve, ms));
    events.push(`${name}-`);
  };
  await Promise.all([
    locks.withLocks('AdminCreateUser', { UserPoolId: 'us-east-1_A' }, slow('a1', 30)),
    locks.withLocks('AdminCreateUser', { UserPoolId: 'us-east-1_A' }, slow('a2', 5)),
    locks.withLocks('AdminCreateUser', { UserPoolId: 'us-east-1_B' }, slow('b1', 5)),
  ]);
  expect(events.indexOf('a2+')).toBeGreaterThan(events.indexOf('a1-')); // same pool: one after the other
  expect(events.indexOf('b1-')).toBeLessThan(events.indexOf('a1-')); // another pool: meanwhile
});
