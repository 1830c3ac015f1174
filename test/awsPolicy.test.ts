// One way to reach AWS, three clients: the run's SDK clients, the admin sign-in's SDK client and
// our JSON sign-in client all make the same number of attempts (AWS_MAX_ATTEMPTS, else the
// default), retry the same failures, and send `mmbatch-auth/<version>` in their user agent, which
// is how the local stack tells the CLI's calls from a test's own.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { ListIdentityPoolsCommand } from '@aws-sdk/client-cognito-identity';
import { ListRolesCommand } from '@aws-sdk/client-iam';
import { createAwsClients } from '../src/aws/clients.js';
import { DEFAULT_MAX_ATTEMPTS, USER_AGENT } from '../src/aws/policy.js';
import { openSignInCalls } from '../src/auth/cognito/calls.js';
import { createSignInClient } from '../src/auth/cognito/sdk.js';
import type { Context } from '../src/cli/context.js';

const credentials = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };
let server: Server;
let endpoint: string;
let seen: IncomingHttpHeaders[];

beforeAll(async () => {
  // The SDK's credential chain reads this process's environment (jest gives each file its own copy).
  Object.assign(process.env, credentials, { AWS_EC2_METADATA_DISABLED: 'true' });
  // Always a 500 in each protocol's shape: every client retries it until its attempts are spent.
  server = createServer((req, res) => {
    seen.push(req.headers);
    req.resume();
    req.on('end', () => {
      const query = /x-www-form-urlencoded/.test(req.headers['content-type'] ?? '');
      res.writeHead(500, { 'content-type': query ? 'text/xml' : 'application/x-amz-json-1.1', 'x-amzn-errortype': 'InternalErrorException' });
      res.end(query ? '<ErrorResponse><Error><Code>ServiceFailure</Code><Message>down</Message></Error></ErrorResponse>' : '{"__type":"InternalErrorException","message":"down"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

beforeEach(() => {
  seen = [];
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

function fakeContext(env: NodeJS.ProcessEnv): Context {
  const globals = { region: 'us-east-1', profile: undefined, endpointUrl: endpoint, config: undefined, json: false, yes: true, dryRun: false, verbose: false, color: false };
  return { env, globals, log: { info: () => undefined, warn: () => undefined, verbose: () => undefined } } as unknown as Context;
}

/** The three ways, each making one call that fails with a 500 every time. */
const WAYS: [string, (env: NodeJS.ProcessEnv) => Promise<unknown>][] = [
  [
    "the run's SDK clients",
    async (env) => {
      const aws = await createAwsClients({ region: 'us-east-1', endpointUrl: endpoint }, env);
      try {
        await aws.idp.send(new ListUserPoolsCommand({ MaxResults: 1 }));
      } finally {
        aws.idp.destroy();
        aws.identity.destroy();
        aws.iam.destroy();
      }
    },
  ],
  [
    "the admin sign-in's SDK client",
    async (env) => {
      const idp = createSignInClient(fakeContext(env), 'us-east-1');
      try {
        await idp.send(new ListUserPoolsCommand({ MaxResults: 1 }));
      } finally {
        idp.destroy();
      }
    },
  ],
  [
    'our JSON sign-in client',
    async (env) => {
      const calls = await openSignInCalls(fakeContext(env), 'us-east-1');
      try {
        await calls.initiateAuth({ ClientId: 'client', AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: 'x' } });
      } finally {
        calls.destroy();
      }
    },
  ],
];

describe.each(WAYS)('%s', (_name, call) => {
  test(`AWS_MAX_ATTEMPTS attempts, each with the user agent ${USER_AGENT}`, async () => {
    const env = { ...credentials, AWS_MAX_ATTEMPTS: '3' };
    await expect(call(env)).rejects.toMatchObject({ exitCode: 1 });
    expect(seen).toHaveLength(3);
    for (const headers of seen) expect(`${headers['user-agent']} ${headers['x-amz-user-agent'] ?? ''}`).toContain(USER_AGENT);
  });

  test(`without it, the default: ${DEFAULT_MAX_ATTEMPTS} attempts`, async () => {
    await expect(call({ ...credentials })).rejects.toMatchObject({ exitCode: 1 });
    expect(seen).toHaveLength(DEFAULT_MAX_ATTEMPTS);
  });
});

test('the other two SDK clients of a run get the same configuration', async () => {
  const aws = await createAwsClients({ region: 'us-east-1', endpointUrl: endpoint }, { ...credentials, AWS_MAX_ATTEMPTS: '2' });
  try {
    await expect(aws.identity.send(new ListIdentityPoolsCommand({ MaxResults: 1 }))).rejects.toBeDefined();
    await expect(aws.iam.send(new ListRolesCommand({}))).rejects.toBeDefined();
  } finally {
    aws.idp.destroy();
    aws.identity.destroy();
    aws.iam.destroy();
  }
  expect(seen).toHaveLength(4);
  for (const headers of seen) expect(`${headers['user-agent']} ${headers['x-amz-user-agent'] ?? ''}`).toContain(USER_AGENT);
});

test('nothing changes process.env on import (main sets the SDK notice flag, once, at start-up)', async () => {
  const flag = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';
  const kept = process.env[flag];
  delete process.env[flag];
  try {
    const before = { ...process.env };
    await jest.isolateModulesAsync(async () => {
      for (const module of ['../src/aws/clients.js', '../src/aws/sdkConfig.js', '../src/auth/cognito/sdk.js', '../src/auth/cognito/calls.js', '../src/auth/flows/srp.js', '../src/cli/program.js']) {
        await import(module);
      }
    });
    expect(process.env).toEqual(before);
  } finally {
    process.env[flag] = kept;
  }
});
