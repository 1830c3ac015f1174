// Endpoints that echo the request in their errors (emulators, debugging proxies, corporate
// gateways): the secret values the run holds (the password, SRP_A, sessions, one-time codes, the
// AWS session token, what a server body carries) never reach stderr, whatever shape the echo has,
// nor does a refresh token's five-part (JWE) form. And `api PUT /api/v1/security/cognito` never
// prints the server's echo of accessKey, secretKey and token. The real binary, both lean and full.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN, PASSWORD as WORLD_PASSWORD, runCli, startWorld, tempHome, type Home, type SetUpWorld } from './support/world.js';

const POOL = 'us-east-1_Echoing01';
const CLIENT = 'echoclient0000000000000000';
const USER = 'admin@example.com';
const PASSWORD = 'Echoed-Admin-Pass-42!';
const SESSION_TOKEN = 'FwoGZXIvYXdzEchoedSessionToken0123456789';
const MFA_CODE = '246813';
const JWE = 'eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.QUFBQUFBQUE.QkJCQkJC.Q0NDQ0NDQ0NDQ0M.RERERERERERE';
const SRP_PARAMETERS = { SALT: 'a1b2c3d4e5f6', SECRET_BLOCK: Buffer.from('secret block').toString('base64'), USER_ID_FOR_SRP: 'a1b2c3d4-0000-4000-8000-123456789abc', SRP_B: 'abcdef0123456789' };

type Answer = (operation: string, body: string, req: IncomingMessage) => { status: number; body: object };
let cognito: Server;
let endpoint: string;
let answer: Answer;
let bodies: string[];
const homes: string[] = [];

const echo: Answer = (_operation, body, req) => ({
  status: 400,
  body: { __type: 'InvalidParameterException', message: `bad input: ${body} security token ${req.headers['x-amz-security-token'] ?? ''}` },
});

beforeAll(async () => {
  cognito = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      bodies.push(body);
      const operation = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
      const { status, body: out } = answer(operation, body, req);
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(out));
    });
  });
  await new Promise<void>((resolve) => cognito.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(cognito.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const home of homes) rmSync(home, { recursive: true, force: true });
  cognito.closeAllConnections();
  await new Promise((resolve) => cognito.close(resolve));
});

beforeEach(() => {
  bodies = [];
  answer = echo;
});

function env(extra: Record<string, string> = {}): Record<string, string> {
  const home = mkdtempSync(join(tmpdir(), 'mmbatch-auth-echo-'));
  homes.push(home);
  return {
    HOME: home,
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ACCESS_KEY_ID: 'AKIAECHOTESTKEY00001',
    AWS_SECRET_ACCESS_KEY: 'echoTestSecretAccessKey0000000000000000001',
    AWS_SESSION_TOKEN: SESSION_TOKEN,
    ...extra,
  };
}

const token = (flow: string, extra: string[] = []) => [
  'token', '--no-cache', '--password-stdin', '--flow', flow, '--endpoint-url', endpoint,
  '--user-pool-id', POOL, '--client-id', CLIENT, '--region', 'us-east-1', '--username', USER, ...extra,
];

/** Every value of the requests' secret-bearing parameters the stand-in received. */
function sentSecrets(): string[] {
  const found: string[] = [];
  for (const body of bodies) {
    const parsed = JSON.parse(body || '{}');
    for (const group of [parsed.AuthParameters, parsed.ChallengeResponses, parsed]) {
      for (const [key, value] of Object.entries(group ?? {})) {
        if (typeof value === 'string' && /PASSWORD|SRP_A|SIGNATURE|SESSION|CODE|SECRET/i.test(key)) found.push(value);
      }
    }
  }
  return found;
}

describe.each([
  ['the lean path or the first run', [] as string[]],
  ['--verbose', ['--verbose']],
])('an endpoint that echoes the request in its error, %s', (_label, extra) => {
  test.each(['admin', 'password', 'srp', 'auto'])('--flow %s: the error is shown, no secret in it', async (flow) => {
    const result = await runCli(token(flow, extra), { env: env(), stdin: PASSWORD });
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/bad input/);
    expect(result.stderr).not.toContain(PASSWORD);
    expect(result.stderr).not.toContain(SESSION_TOKEN);
    const secrets = sentSecrets();
    expect(secrets.length).toBeGreaterThan(0);
    for (const secret of secrets) expect(result.stderr).not.toContain(secret);
  });
});

test('a password with quotes and backslashes, echoed JSON-escaped, is hidden too', async () => {
  const odd = 'Pa"ss\\word-77!';
  const result = await runCli(token('password'), { env: env(), stdin: odd });
  expect(result.stderr).toMatch(/bad input/);
  expect(result.stderr).not.toContain(JSON.stringify(odd).slice(1, -1));
  expect(result.stderr).not.toContain(odd);
});

test.each([[[] as string[]], [['--verbose']]])('a five-part token (a JWE, as a refresh token is) in an error is hidden whole %j', async (extra) => {
  answer = () => ({ status: 400, body: { __type: 'NotAuthorizedException', message: `Invalid Refresh Token ${JWE} for this client` } });
  const result = await runCli(token('srp', extra), { env: env(), stdin: PASSWORD });
  expect(result.code).toBe(3);
  expect(result.stderr).toContain('invalid refresh token *** for this client');
  for (const part of JWE.split('.').slice(1)) expect(result.stderr.toLowerCase()).not.toContain(part.toLowerCase());
});

test.each(['SMS_MFA', 'EMAIL_OTP'])('--verbose: a %s code sent in RespondToAuthChallenge is hidden in the request line', async (challenge) => {
  answer = (operation, body) => {
    if (operation === 'InitiateAuth') return { status: 200, body: { ChallengeName: 'PASSWORD_VERIFIER', ChallengeParameters: SRP_PARAMETERS } };
    const parsed = JSON.parse(body);
    if (parsed.ChallengeName === 'PASSWORD_VERIFIER') return { status: 200, body: { ChallengeName: challenge, Session: 'mfa-session-0123456789abcdef', ChallengeParameters: {} } };
    return { status: 400, body: { __type: 'CodeMismatchException', message: 'Invalid code received for user' } };
  };
  const result = await runCli(['--verbose', ...token('srp').filter((arg) => arg !== '--password-stdin')], {
    env: env({ MMBATCH_AUTH_PASSWORD: PASSWORD, MMBATCH_AUTH_MFA_CODE: MFA_CODE }),
  });
  expect(result.code).not.toBe(0);
  expect(result.stderr).toContain(`"${challenge}_CODE":"***"`);
  expect(result.stderr).not.toContain(MFA_CODE);
  expect(result.stderr).not.toContain('mfa-session-0123456789abcdef');
});

describe('a server that echoes PUT /api/v1/security/cognito', () => {
  let world: SetUpWorld;
  let server: Server;
  let serverUrl: string;
  let reply: (body: string) => { status: number; text: string };
  // The secrets first: a server's words are cut at 200 characters, and they must fall within.
  const request = {
    accessKey: 'AKIAECHOEDACCESSKEY1',
    secretKey: 'echoed-Secret-Key-Value-0123456789',
    token: 'echoed-opaque-token-0123456789',
    region: 'us-east-1',
    userPoolID: 'us-east-1_Example1',
    clientID: 'exampleclient',
    identityPoolID: 'us-east-1:11111111-2222-3333-4444-555555555555',
    adminGroups: 'admin',
  };
  const secrets = [request.accessKey, request.secretKey, request.token];
  let home: Home;

  beforeAll(async () => {
    world = await startWorld({ setup: true });
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const { status, text } =
          req.method === 'GET'
            ? { status: 200, text: JSON.stringify({ enabled: true, region: 'us-east-1', userPoolID: world.userPoolId, clientID: world.clientId, adminGroups: 'admin' }) }
            : reply(body);
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(text);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 120_000);

  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await world?.stop();
  });

  beforeEach(() => {
    home = tempHome();
  });
  afterEach(() => home.cleanup());

  const api = () =>
    runCli(['api', 'PUT', '/api/v1/security/cognito', '--server', serverUrl, '--username', ADMIN, '--data', '@-'], {
      env: { ...world.env(home), MMBATCH_AUTH_PASSWORD: WORLD_PASSWORD },
      stdin: JSON.stringify(request),
    });

  test('a 200 echo: printed with accessKey, secretKey and token hidden, the rest as it came', async () => {
    reply = (body) => ({ status: 200, text: body });
    const result = await api();
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ ...request, accessKey: '***', secretKey: '***', token: '***' });
    for (const secret of secrets) expect(result.stdout + result.stderr).not.toContain(secret);
  });

  test.each([
    ['in its message', (body: string) => JSON.stringify({ statusCode: 422, errorCode: 1003, message: `Invalid argument: ${body}` })],
    ['as the whole body', (body: string) => body],
    ['as text', (body: string) => `bad request: ${body}`],
  ])('a 422 echoing the request %s: exit 4, the secrets hidden', async (_label, text) => {
    reply = (body) => ({ status: 422, text: text(body) });
    const result = await api();
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/^mmbatch-auth: the server refused PUT \/api\/v1\/security\/cognito: 422 /m);
    expect(result.stderr).toContain('us-east-1_Example1');
    for (const secret of secrets) expect(result.stderr).not.toContain(secret);
  });
});

// Node's own debug output (NODE_DEBUG=http and the like) prints every request's headers, the
// bearer token and AWS session token among them: the tool cannot hide what Node writes, so it says so.
describe('NODE_DEBUG naming a network module', () => {
  test.each(['http', 'net,tls', 'HTTP*'])('NODE_DEBUG=%s: one warning before anything is sent; the lean token path leaves to the full CLI, which warns', async (value) => {
    const home = tempHome();
    try {
      const env = { ...home.env, NODE_DEBUG: value, AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: 'http://127.0.0.1:1', MMBATCH_AUTH_PASSWORD: PASSWORD };
      for (const args of [['users', 'list', '--user-pool-id', POOL], ['token', '--user-pool-id', POOL, '--client-id', CLIENT, '--username', USER]]) {
        const result = await runCli(args, { env });
        const warnings = result.stderr.split('\n').filter((line: string) => line.startsWith('mmbatch-auth: warning: NODE_DEBUG'));
        expect(warnings).toHaveLength(1);
        expect(warnings[0]).toContain('headers');
      }
    } finally {
      home.cleanup();
    }
  });

  test('NODE_DEBUG=module (nothing that prints requests): no warning', async () => {
    const home = tempHome();
    try {
      const result = await runCli(['users', 'list', '--user-pool-id', POOL], { env: { ...home.env, NODE_DEBUG: 'module', AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: 'http://127.0.0.1:1' } });
      expect(result.stderr).not.toContain('NODE_DEBUG');
    } finally {
      home.cleanup();
    }
  });
});
