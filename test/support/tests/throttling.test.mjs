// Request quotas: a token bucket per operation; a call beyond the quota fails as the service throttles.
import { AdminCreateUserCommand, CognitoIdentityProviderClient, CreateUserPoolCommand, ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { IAMClient, ListRolesCommand } from '@aws-sdk/client-iam';
import { startStack } from '../stack.mjs';

/** @type {Awaited<ReturnType<typeof startStack>>} */
let stack;
/** @type {CognitoIdentityProviderClient} */
let idp;
let poolId = '';

beforeAll(async () => {
  stack = await startStack({ quotas: { AdminCreateUser: 5 } });
  // No retries: the test sees each throttled answer as it came.
  idp = new CognitoIdentityProviderClient({ endpoint: stack.endpoint, region: stack.region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
  poolId = (await idp.send(new CreateUserPoolCommand({ PoolName: 'quota' }))).UserPool?.Id ?? '';
});

afterAll(async () => {
  idp?.destroy();
  await stack?.stop();
});

/** @param {Promise<unknown>[]} calls */
const outcomes = async (calls) => (await Promise.allSettled(calls)).map((r) => (r.status === 'fulfilled' ? 'ok' : /** @type {any} */ (r.reason).name));

test('startStack({ quotas }): a burst beyond the quota is refused with TooManyRequestsException, as Cognito says it', async () => {
  const burst = Array.from({ length: 8 }, (_, i) =>
    idp.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: `burst${i}`, MessageAction: 'SUPPRESS' })),
  );
  const results = await outcomes(burst);
  expect(results.filter((r) => r === 'ok')).toHaveLength(5);
  expect(results.filter((r) => r === 'TooManyRequestsException')).toHaveLength(3);
  const refused = stack.calls.filter((call) => call.error === 'TooManyRequestsException');
  expect(refused).toHaveLength(3);

  const [error] = await Promise.allSettled([idp.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'again', MessageAction: 'SUPPRESS' }))]);
  expect(error).toMatchObject({ status: 'rejected', reason: { name: 'TooManyRequestsException', message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } } });
});

test('the bucket refills at the quota rate', async () => {
  stack.setQuota('AdminCreateUser', 2); // a fresh, full bucket of two
  const create = (/** @type {string} */ name) => idp.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: name, MessageAction: 'SUPPRESS' }));
  expect(await outcomes([create('drain0'), create('drain1'), create('drain2')])).toEqual(['ok', 'ok', 'TooManyRequestsException']);
  await new Promise((resolve) => setTimeout(resolve, 600)); // two per second: one token back, not two
  const results = await outcomes([0, 1, 2].map((i) => create(`refill${i}`)));
  expect(results.filter((r) => r === 'ok')).toHaveLength(1);
});

test('setQuota at run time: per operation or per service:operation; IAM throttles as Throttling; null removes it', async () => {
  const iam = new IAMClient({ endpoint: stack.endpoint, region: stack.region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
  stack.setQuota('iam:ListRoles', 0);
  await expect(iam.send(new ListRolesCommand({}))).rejects.toMatchObject({ name: 'Throttling', message: 'Rate exceeded' });
  stack.setQuota('iam:ListRoles', null);
  await expect(iam.send(new ListRolesCommand({}))).resolves.toBeDefined();

  stack.setQuota('ListUserPools', 1);
  expect(await outcomes([1, 2].map(() => idp.send(new ListUserPoolsCommand({ MaxResults: 1 }))))).toEqual(['ok', 'TooManyRequestsException']);
  stack.setQuota('ListUserPools', undefined);
  expect(await outcomes([1, 2].map(() => idp.send(new ListUserPoolsCommand({ MaxResults: 1 }))))).toEqual(['ok', 'ok']);
  iam.destroy();
});

test('a client with the standard retry strategy retries a throttled call and gets through', async () => {
  stack.setQuota('ListUserPools', 2);
  // The default strategy, with more attempts than its default 3: its delays are random (full
  // jitter), so two retries could both land before the bucket refills, and the test would then
  // fail on chance, not on the stack's answer.
  const patient = new CognitoIdentityProviderClient({ endpoint: stack.endpoint, region: stack.region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 10 });
  try {
    const answers = await Promise.all([1, 2, 3].map(() => patient.send(new ListUserPoolsCommand({ MaxResults: 1 }))));
    const attempts = answers.map((a) => a.$metadata.attempts ?? 0).sort();
    expect(attempts.slice(0, 2)).toEqual([1, 1]);
    expect(attempts[2]).toBeGreaterThan(1);
  } finally {
    stack.setQuota('ListUserPools', null);
    patient.destroy();
  }
});
