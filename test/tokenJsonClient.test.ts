// The sign-in's own Cognito client (src/auth/cognito/jsonClient.ts) against a stand-in HTTP server:
// what it sends, how it reads Cognito's answers and errors (as the SDK did: same typed errors, same
// exit codes), what it retries, its timeouts, and that --verbose never shows a secret.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CognitoJsonClient } from '../src/auth/cognito/jsonClient.js';
import { callPolicy, DEFAULT_MAX_ATTEMPTS } from '../src/aws/policy.js';
import { AuthError, AwsError, ExitCode, NetworkError } from '../src/errors.js';

interface Received {
  method?: string;
  url?: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Answer = { status: number; body?: string; headers?: Record<string, string> } | 'hang' | 'reset';

let server: Server;
let endpoint: URL;
let received: Received[];
let answers: Answer[];
const open: CognitoJsonClient[] = [];

function answerWith(...next: Answer[]): void {
  answers = next;
}

const awsJsonError = (status: number, code: string, message: string): Answer => ({
  status,
  body: JSON.stringify({ __type: code, message }),
  headers: { 'content-type': 'application/x-amz-json-1.1' },
});

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body });
      const answer = answers.shift() ?? { status: 200, body: '{}' };
      if (answer === 'hang') return; // never answers: the client's request timeout must end it
      if (answer === 'reset') return void req.socket.destroy();
      res.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.1', ...answer.headers });
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received = [];
  answers = [];
});

afterEach(() => {
  for (const client of open.splice(0)) client.destroy();
});

type ClientOptions = ConstructorParameters<typeof CognitoJsonClient>[0];

/** A client with the policy every AWS call gets (from this environment), its waits recorded instead of slept. */
function client(options: Partial<Omit<ClientOptions, 'policy'>> & { policy?: Partial<ClientOptions['policy']>; env?: NodeJS.ProcessEnv } = {}) {
  const lines: string[] = [];
  const waits: number[] = [];
  const { policy, env, ...rest } = options;
  const made = new CognitoJsonClient({
    endpoint,
    policy: { ...callPolicy(env ?? {}), ...policy },
    verbose: (line: string) => lines.push(line),
    sleep: async (ms: number) => {
      waits.push(ms);
    },
    ...rest,
  });
  open.push(made);
  return { client: made, lines, waits };
}

const SRP_INPUT = {
  ClientId: 'client123',
  AuthFlow: 'USER_SRP_AUTH',
  AuthParameters: { USERNAME: 'ops@example.com', SRP_A: 'abcdef0123456789' },
};

describe('requests', () => {
  test('an awsJson1_1 POST: Cognito\'s target header, its content type, the input as the JSON body', async () => {
    answerWith({ status: 200, body: JSON.stringify({ ChallengeName: 'PASSWORD_VERIFIER', ChallengeParameters: { SALT: 'aa' } }) });
    const { client: c } = client();
    const answer = await c.call('InitiateAuth', SRP_INPUT);
    expect(answer).toEqual({ ChallengeName: 'PASSWORD_VERIFIER', ChallengeParameters: { SALT: 'aa' } });
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request).toMatchObject({ method: 'POST', url: '/' });
    expect(request.headers).toMatchObject({
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth',
    });
    expect(request.headers.authorization).toBeUndefined(); // unsigned: no AWS credentials involved
    expect(JSON.parse(request.body)).toEqual(SRP_INPUT);
  });

  test('an endpoint with a path is joined as the SDK joins it', async () => {
    const { client: c } = client({ endpoint: new URL('/cognito/', endpoint) });
    await c.call('RevokeToken', { ClientId: 'c', Token: 't' });
    const { client: d } = client({ endpoint: new URL('/cognito', endpoint) });
    await d.call('RevokeToken', { ClientId: 'c', Token: 't' });
    expect(received.map((request) => request.url)).toEqual(['/cognito/', '/cognito/']);
  });

  test('an empty 200 (RevokeToken) is an empty answer', async () => {
    answerWith({ status: 200, body: '' });
    await expect(client().client.call('RevokeToken', { ClientId: 'c', Token: 't' })).resolves.toEqual({});
  });

  test('--verbose shows each call with its secrets redacted, and how long it took', async () => {
    answerWith({ status: 200, body: '{"AuthenticationResult":{"AccessToken":"eyJa.eyJb.c"}}' });
    const { client: c, lines } = client();
    await c.call('InitiateAuth', { ClientId: 'c', AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'u', PASSWORD: 'Hunter2-Secret!' } });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('→ cognito-idp InitiateAuth {"ClientId":"c","AuthFlow":"USER_PASSWORD_AUTH","AuthParameters":{"USERNAME":"u","PASSWORD":"***"}}');
    expect(lines[1]).toMatch(/^← cognito-idp InitiateAuth ok \(\d+ ms\)$/);
    expect(lines.join('\n')).not.toContain('Hunter2');
    expect(lines.join('\n')).not.toContain('eyJ');
  });
});

describe('errors, mapped as the SDK\'s were', () => {
  test('a wrong password is an authentication failure (exit 3), not retried', async () => {
    answerWith(awsJsonError(400, 'NotAuthorizedException', 'Incorrect username or password.'));
    const error = await client().client.call('InitiateAuth', SRP_INPUT).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ message: 'authentication failed: incorrect username or password', code: 'NotAuthorizedException', exitCode: ExitCode.auth });
    expect(received).toHaveLength(1);
  });

  test('the code may come from the x-amzn-ErrorType header, with a suffix, and a namespace in the body', async () => {
    answerWith(
      { status: 400, body: '{"message":"Invalid session for the user."}', headers: { 'x-amzn-errortype': 'NotAuthorizedException:http://internal.amazon.com/coral/' } },
      { status: 400, body: JSON.stringify({ __type: 'com.amazonaws.cognito#InvalidParameterException', Message: 'USER_SRP_AUTH is not enabled for the client.' }) },
    );
    const { client: c } = client();
    await expect(c.call('RespondToAuthChallenge', {})).rejects.toMatchObject({ code: 'NotAuthorizedException', exitCode: ExitCode.auth });
    const flowError = await c.call('InitiateAuth', SRP_INPUT).catch((e: unknown) => e);
    expect(flowError).toBeInstanceOf(AwsError);
    expect(flowError).toMatchObject({ code: 'InvalidParameterException', exitCode: ExitCode.aws });
    expect((flowError as Error).message).toBe('cognito-idp:InitiateAuth failed: InvalidParameterException: USER_SRP_AUTH is not enabled for the client.');
  });

  test('the same codes from RevokeToken are answers about the token, still typed', async () => {
    answerWith(awsJsonError(400, 'UnsupportedTokenTypeException', 'Unsupported token type'));
    await expect(client().client.call('RevokeToken', { ClientId: 'c', Token: 't' })).rejects.toMatchObject({
      code: 'UnsupportedTokenTypeException',
      exitCode: ExitCode.aws,
    });
  });

  test('a 200 that is not JSON is an AWS error naming the call', async () => {
    answerWith({ status: 200, body: '<html>captive portal</html>' });
    await expect(client().client.call('InitiateAuth', SRP_INPUT)).rejects.toMatchObject({
      code: 'InvalidResponse',
      message: expect.stringContaining('the answer to InitiateAuth (HTTP 200) is not JSON'),
    });
  });
});

describe('an endless or huge answer', () => {
  test('an answer over 1 MiB is refused as it arrives, not held (a broken proxy, a hostile endpoint)', async () => {
    answerWith({ status: 200, body: `{"Session":"${'x'.repeat(3 * 1024 * 1024)}"}` });
    await expect(client().client.call('InitiateAuth', SRP_INPUT)).rejects.toMatchObject({
      code: 'InvalidResponse',
      exitCode: ExitCode.aws,
      message: expect.stringContaining('the answer to InitiateAuth is larger than 1 MiB'),
    });
    expect(received).toHaveLength(1); // not retried: the same answer would come again
  });
});

describe('retries', () => {
  test('throttling is retried with a backoff, and --verbose says so', async () => {
    answerWith(awsJsonError(400, 'TooManyRequestsException', 'Rate exceeded'), { status: 200, body: '{"Session":"s"}' });
    const { client: c, lines, waits } = client();
    await expect(c.call('InitiateAuth', SRP_INPUT)).resolves.toEqual({ Session: 's' });
    expect(received).toHaveLength(2);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(0);
    expect(waits[0]).toBeLessThan(500); // full jitter below the throttling base
    expect(lines).toContain('  cognito-idp InitiateAuth attempt failed: TooManyRequestsException (HTTP 400)');
    expect(lines[lines.length - 1]).toMatch(/ok \(\d+ ms, 2 attempts\)$/);
  });

  test('5xx, even without a JSON body (a proxy\'s page), is retried up to the limit, then reported', async () => {
    answerWith(
      awsJsonError(500, 'InternalErrorException', 'Internal server error'),
      { status: 502, body: '<html>Bad Gateway</html>', headers: { 'content-type': 'text/html' } },
      { status: 503, body: '' },
    );
    const { client: c, waits } = client({ policy: { maxAttempts: 3 } });
    const error = await c.call('InitiateAuth', SRP_INPUT).catch((e: unknown) => e);
    expect(received).toHaveLength(3);
    expect(waits).toHaveLength(2);
    expect(error).toBeInstanceOf(AwsError);
    expect(error).toMatchObject({ code: 'HTTP503', exitCode: ExitCode.aws });
  });

  test('a connection the server drops is retried (a kept-alive socket it had closed, say)', async () => {
    answerWith('reset', { status: 200, body: '{"Session":"again"}' });
    await expect(client().client.call('InitiateAuth', SRP_INPUT)).resolves.toEqual({ Session: 'again' });
    expect(received).toHaveLength(2);
  });

  test('nothing listening: a network error (exit 1) once the attempts are spent', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const { client: c, waits } = client({ endpoint: new URL(`http://127.0.0.1:${port}/`) });
    const error = await c.call('InitiateAuth', SRP_INPUT).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toBe('cannot reach AWS (cognito-idp:InitiateAuth): ECONNREFUSED');
    expect(waits).toHaveLength(DEFAULT_MAX_ATTEMPTS - 1);
  });

  test('AWS_MAX_ATTEMPTS sets the attempts, as for the SDK clients', async () => {
    const throttled = awsJsonError(400, 'TooManyRequestsException', 'Rate exceeded');
    answerWith(throttled, throttled, throttled);
    const { client: c, waits } = client({ env: { AWS_MAX_ATTEMPTS: '2' } });
    await expect(c.call('InitiateAuth', SRP_INPUT)).rejects.toThrow('TooManyRequestsException');
    expect(received).toHaveLength(2);
    expect(waits).toHaveLength(1);
  });

  test('an answer that never comes ends at the request timeout', async () => {
    answerWith('hang', 'hang');
    const { client: c } = client({ policy: { requestTimeoutMs: 200, maxAttempts: 2 } });
    const error = await c.call('InitiateAuth', SRP_INPUT).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toContain('ETIMEDOUT');
    expect(received).toHaveLength(2);
  });
});
