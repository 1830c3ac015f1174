// The local AWS stack that integration tests, the demo and the benchmarks run against: cognito-local in a child
// process behind one gateway that also speaks cognito-identity and IAM, records calls, and can be slowed or broken.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCognitoIdpHandler } from './gateway/cognito-idp.mjs';
import { createCognitoLocalClient } from './gateway/cognito-local-client.mjs';
import { freePort, startCognitoLocal } from './gateway/cognito-local-process.mjs';
import { createCognitoLocalStore } from './gateway/cognito-local-store.mjs';
import { createIdentityAndIamHandlers } from './gateway/identity-and-iam.mjs';
import { createPoolLocks } from './gateway/pool-locks.mjs';
import { ACCOUNT_ID } from './gateway/faults.mjs';
import { createGateway } from './gateway/server.mjs';
import { totp } from './gateway/totp.mjs';
import { createWellKnownDocuments } from './gateway/well-known.mjs';

/**
 * @typedef {import('./gateway/server.mjs').RecordedCall} RecordedCall
 * @typedef {import('./gateway/faults.mjs').FaultSpec} FaultSpec
 *
 * @typedef {object} Stack
 * @property {string} endpoint         the one URL for cognito-idp, cognito-identity and iam
 * @property {string} region
 * @property {string} cognitoLocalUrl  cognito-local itself, behind the gateway
 * @property {number} cognitoLocalPid
 * @property {string} dataDir          cognito-local's working directory (state in .cognito/db); removed by stop()
 * @property {string} logFile          cognito-local's output
 * @property {(poolId: string) => string} issuer   the `iss` claim of that pool's tokens
 * @property {(poolId: string) => string} jwksUri  where that pool's signing keys are served
 * @property {() => Record<string, string>} env    what a child CLI process needs to talk to this stack
 * @property {RecordedCall[]} calls   every AWS call, in arrival order, with its `cli` flag and start/end times
 * @property {() => RecordedCall[]} writeCalls
 * @property {() => void} resetCalls
 * @property {(options?: { cliOnly?: boolean }) => string[][]} rounds  the dependent rounds of the logged calls
 *   (see gateway/call-log.mjs): count them with a delay set, so that calls made at once overlap
 * @property {(ms: number) => void} setDelay       answer every AWS call after ms (emulated latency)
 * @property {(operation: string, ms: number | undefined) => void} setOperationDelay  answer one operation after ms
 *   instead (undefined: as every call again), for a test that needs that call to be the last to land
 * @property {(operation: string, rps: number | null | undefined) => void} setQuota  requests per second for an
 *   operation (`AdminCreateUser`, or `cognito-idp:AdminCreateUser`); beyond it TooManyRequestsException (IAM:
 *   Throttling); null/undefined removes the quota, 0 refuses every call
 * @property {(fault: FaultSpec) => void} injectFault
 * @property {() => void} clearFaults
 * @property {(poolId: string, username: string) => Promise<string | undefined>} userPassword  from cognito-local's store
 * @property {(ms: number) => void} setIamPropagationMs  how long a new role (or a changed trust policy) is unusable
 * @property {(ms: number) => void} setIamDeleteConflictMs  how long DeleteRole answers DeleteConflict after a policy is removed
 * @property {(secret: string, at?: number | Date) => string} totp  the TOTP code (RFC 6238: SHA-1, 30 s, 6 digits)
 *   an authenticator app shows for a base32 secret (AssociateSoftwareToken's SecretCode) now, or at `at` (epoch ms)
 * @property {(n: number, options?: { namePrefix?: string }) => Promise<string[]>} seedUserPools  creates n user pools
 *   (`<namePrefix><i>`, i from 1; prefix `seed-`) straight through the gateway's handler, many at a time and not in
 *   the call log: a big account for benchmarks. Resolves to their ids.
 * @property {(n: number, options?: { namePrefix?: string }) => Promise<string[]>} seedIdentityPools  the same for
 *   identity pools (no providers, unauthenticated identities off)
 * @property {(userPoolId: string, n: number, options?: { emailPrefix?: string }) => Promise<string[]>} seedUsers  n users
 *   in a pool (`<emailPrefix><i>@example.com`, i from 1; prefix `seed-user-`) as AdminCreateUser leaves them
 *   (FORCE_CHANGE_PASSWORD), written into cognito-local's file while it is stopped for a second (call it with no call
 *   in flight), so not in the call log: a big user list for `users list`. Resolves to their e-mails.
 * @property {(userPoolId: string, date: Date) => Promise<void>} setUserPoolCreationDate  rewrites a pool's
 *   CreationDate in cognito-local's file (stopped for a second, as for seedUsers): a pool "made later" than another
 *   by the service's own clock, which orders racing twins
 * @property {() => StackIdentity[]} identities  every Cognito Identity identity, with the role its last credentials
 *   were for
 * @property {() => Promise<void>} stop
 */

/**
 * @typedef {object} StackIdentity
 * @property {string} IdentityId
 * @property {string} IdentityPoolId
 * @property {boolean} authenticated
 * @property {Record<string, string>} logins   provider name → the user's sub
 * @property {string | undefined} roleArn     the role of the last credentials handed out
 * @property {number} credentialsIssued
 */

/** A new IAM role (or trust policy) is unusable this long by default: every test meets it, none waits long for it. */
export const DEFAULT_IAM_PROPAGATION_MS = 200;

/** How many seeded resources are created at once: enough to keep cognito-local busy, few enough for two cores. */
const SEED_CONCURRENCY = 8;

/**
 * Runs make(1..n), SEED_CONCURRENCY at a time, and resolves to the results in order.
 * @param {number} n @param {(i: number) => Promise<string>} make
 */
async function seed(n, make) {
  const results = new Array(Math.max(0, n));
  let next = 0;
  const worker = async () => {
    while (next < results.length) {
      const i = next;
      next += 1;
      results[i] = await make(i + 1);
    }
  };
  await Promise.all(Array.from({ length: Math.min(SEED_CONCURRENCY, results.length) }, worker));
  return results;
}

/** The parsed body of a handler's answer, or its error. @param {Promise<import('./gateway/wire-errors.mjs').WireResponse>} answer */
async function answerOf(answer) {
  const { status, body } = await answer;
  const parsed = body ? JSON.parse(body) : {};
  if (status >= 300) throw new Error(`seeding failed: ${parsed.__type ?? status}: ${parsed.message ?? body}`);
  return parsed;
}

/** Stacks still running: if this process exits without stopping them, their processes and files go with it. */
const running = new Set();
/** @type {(() => void) | undefined} */
let abandonAllOnExit;

/**
 * @param {{
 *   delayMs?: number,
 *   region?: string,
 *   quotas?: import('./gateway/throttle.mjs').Quotas,
 *   iamPropagationMs?: number,
 *   iamDeleteConflictMs?: number,
 *   rolePropagationErrorCode?: 'NotAuthorizedException' | 'InvalidParameterException',
 * }} [options]
 *   quotas: requests per second per operation, as setQuota; default none.
 *   iamPropagationMs: for this long after CreateRole, SetIdentityPoolRoles naming the role and
 *   GetCredentialsForIdentity using it fail as on AWS (and GetCredentialsForIdentity after UpdateAssumeRolePolicy);
 *   0 turns it off. iamDeleteConflictMs: for this long after DeleteRolePolicy (or DetachRolePolicy), DeleteRole answers
 *   DeleteConflict as IAM can (eventual consistency); default 0, off. rolePropagationErrorCode: what SetIdentityPoolRoles answers then: AWS answers
 *   NotAuthorizedException "Access to Role '<arn>' is forbidden."; the default, InvalidParameterException with the
 *   same words, is what the CLI retries today (see emulator/cognito-identity/setIdentityPoolRoles.mjs).
 * @returns {Promise<Stack>}
 */
export async function startStack({
  delayMs = 0,
  region = 'us-east-1',
  quotas = {},
  iamPropagationMs = DEFAULT_IAM_PROPAGATION_MS,
  iamDeleteConflictMs = 0,
  rolePropagationErrorCode = 'NotAuthorizedException',
} = {}) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mmbatch-auth-stack-'));
  // cognito-local's address is needed before it starts (the gateway forwards to it), the gateway's before
  // cognito-local starts (tokens name it as issuer): pick the port, start the gateway, then cognito-local.
  const cognitoLocalPort = await freePort();
  const store = createCognitoLocalStore(path.join(dataDir, '.cognito', 'db'));
  const locks = createPoolLocks({ poolOfClient: async (clientId) => (await store.appClient(clientId))?.UserPoolId });
  const cognitoLocal = createCognitoLocalClient(`http://127.0.0.1:${cognitoLocalPort}`, locks);

  let endpoint = '';
  const issuer = (/** @type {string} */ poolId) => `${endpoint}/${poolId}`;
  const identityAndIam = createIdentityAndIamHandlers(undefined, {
    settings: { iamPropagationMs, iamDeleteConflictMs, rolePropagationErrorCode },
    // Tokens name the gateway as issuer (`<endpoint>/<poolId>`) where AWS names https://cognito-idp.<region>.amazonaws.com/<poolId>.
    loginProviders: {
      issuerFor: (/** @type {string} */ _region, /** @type {string} */ poolId) => issuer(poolId),
      jwksFor: async (/** @type {string} */ iss) => {
        if (!iss.startsWith(`${endpoint}/`)) throw new Error(`not an issuer of this stack: ${iss}`);
        const { status, body } = await cognitoLocal.get(`/${iss.slice(endpoint.length + 1)}/.well-known/jwks.json`);
        if (status !== 200) throw new Error(`JWKS of ${iss}: HTTP ${status}`);
        return JSON.parse(body);
      },
    },
  });
  const cognitoIdp = createCognitoIdpHandler({ cognitoLocal, store });
  const gateway = createGateway({
    region,
    delayMs,
    quotas,
    // The test runner names a file (jest-global-setup.cjs) where every call of the suite is collected.
    actionsFile: process.env.MMBATCH_AUTH_TEST_AWS_ACTIONS,
    handlers: { 'cognito-idp': cognitoIdp, 'cognito-identity': identityAndIam['cognito-identity'], iam: identityAndIam.iam, sts: identityAndIam.sts },
    wellKnown: createWellKnownDocuments({ cognitoLocal, issuer }),
  });

  /** @type {Awaited<ReturnType<typeof startCognitoLocal>> | undefined} */
  let cognitoLocalProcess;
  /** @type {import('./gateway/identity-and-iam.mjs').IdentityAndIamEmulator} */
  let emulator;
  const abandon = () => {
    cognitoLocalProcess?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const teardown = async () => {
    running.delete(abandon);
    await gateway.close();
    await cognitoLocalProcess?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  running.add(abandon);
  if (!abandonAllOnExit) {
    abandonAllOnExit = () => running.forEach((leave) => leave());
    process.once('exit', abandonAllOnExit);
  }
  try {
    endpoint = await gateway.listen();
    cognitoLocalProcess = await startCognitoLocal({ dataDir, port: cognitoLocalPort, region, issuerDomain: endpoint });
    emulator = await identityAndIam.emulator();
  } catch (error) {
    await teardown();
    throw error;
  }

  /** @type {Promise<void> | undefined} */
  let stopping;
  return {
    endpoint,
    region,
    cognitoLocalUrl: cognitoLocalProcess.url,
    get cognitoLocalPid() {
      return cognitoLocalProcess?.pid;
    },
    dataDir,
    logFile: cognitoLocalProcess.logFile,
    issuer,
    jwksUri: (poolId) => `${issuer(poolId)}/.well-known/jwks.json`,
    env: () => ({
      AWS_ENDPOINT_URL: endpoint,
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: 'AKIDLOCALSTACK0000000',
      AWS_SECRET_ACCESS_KEY: 'local-stack-secret-access-key',
      AWS_EC2_METADATA_DISABLED: 'true',
    }),
    calls: gateway.calls,
    writeCalls: () => gateway.calls.filter((call) => call.kind === 'write'),
    resetCalls: () => {
      gateway.calls.length = 0; // the same array, so references to stack.calls stay live
    },
    rounds: gateway.rounds,
    setDelay: gateway.setDelay,
    setOperationDelay: gateway.setOperationDelay,
    setQuota: gateway.setQuota,
    injectFault: (fault) => gateway.faults.inject(fault),
    clearFaults: () => gateway.faults.clear(),
    userPassword: async (poolId, username) => (await store.findUser(poolId, username))?.Password,
    totp,
    seedUserPools: (n, { namePrefix = 'seed-' } = {}) =>
      seed(n, async (i) => (await answerOf(cognitoIdp('CreateUserPool', { PoolName: `${namePrefix}${i}` }))).UserPool.Id),
    seedUsers: async (userPoolId, n, { emailPrefix = 'seed-user-' } = {}) => {
      // cognito-local keeps every pool in memory and rewrites its whole file on each change: thousands of
      // AdminCreateUser calls cost minutes (3,000 took 194 s). So the users go into the file while it is stopped,
      // in the shape its AdminCreateUser stores (FORCE_CHANGE_PASSWORD, a temporary password, a sub), and it
      // starts again on the same port with its state.
      if (!cognitoLocalProcess) throw new Error('seedUsers: the stack is not running');
      await cognitoLocalProcess.stop();
      const file = path.join(dataDir, '.cognito', 'db', `${userPoolId}.json`);
      const db = JSON.parse(readFileSync(file, 'utf8'));
      const now = new Date().toISOString();
      const emails = Array.from({ length: Math.max(0, n) }, (_, i) => `${emailPrefix}${i + 1}@example.com`);
      for (const email of emails) {
        db.Users[email] = {
          Username: email,
          Password: randomBytes(9).toString('base64url'),
          Attributes: [
            { Name: 'email', Value: email },
            { Name: 'email_verified', Value: 'true' },
            { Name: 'sub', Value: randomUUID() },
          ],
          Enabled: true,
          UserStatus: 'FORCE_CHANGE_PASSWORD',
          UserCreateDate: now,
          UserLastModifiedDate: now,
          RefreshTokens: [],
        };
      }
      writeFileSync(file, JSON.stringify(db, null, 2));
      cognitoLocalProcess = await startCognitoLocal({ dataDir, port: cognitoLocalPort, region, issuerDomain: endpoint });
      return emails;
    },
    setUserPoolCreationDate: async (userPoolId, date) => {
      if (!cognitoLocalProcess) throw new Error('setUserPoolCreationDate: the stack is not running');
      await cognitoLocalProcess.stop();
      const file = path.join(dataDir, '.cognito', 'db', `${userPoolId}.json`);
      const db = JSON.parse(readFileSync(file, 'utf8'));
      db.Options.CreationDate = date.toISOString();
      writeFileSync(file, JSON.stringify(db, null, 2));
      cognitoLocalProcess = await startCognitoLocal({ dataDir, port: cognitoLocalPort, region, issuerDomain: endpoint });
    },
    seedIdentityPools: (n, { namePrefix = 'seed-' } = {}) =>
      seed(n, async (i) => {
        const input = { IdentityPoolName: `${namePrefix}${i}`, AllowUnauthenticatedIdentities: false };
        return (await answerOf(emulator.handleCognitoIdentity('CreateIdentityPool', input, { region, accountId: ACCOUNT_ID }))).IdentityPoolId;
      }),
    setIamPropagationMs: (ms) => {
      emulator.state.settings.iamPropagationMs = Math.max(0, Number(ms) || 0);
    },
    setIamDeleteConflictMs: (ms) => {
      emulator.state.settings.iamDeleteConflictMs = Math.max(0, Number(ms) || 0);
    },
    identities: () =>
      [...emulator.state.cognitoIdentity.identities.values()].map((identity) => ({
        IdentityId: identity.IdentityId,
        IdentityPoolId: identity.IdentityPoolId,
        authenticated: identity.authenticated,
        logins: { ...identity.logins },
        roleArn: identity.roleArn,
        credentialsIssued: identity.credentials.length,
      })),
    stop: () => (stopping ??= teardown()),
  };
}
