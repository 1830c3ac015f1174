// A hostile or broken Cognito endpoint answering a fresh SRP sign-in: the real binary (the lean
// path and the full CLI), pointed at a stand-in with AWS_ENDPOINT_URL. Whatever InitiateAuth
// answers, a degenerate or malformed SRP challenge (B ≡ 0 mod N, no salt, not hex) ends the sign-in
// (RFC 5054 §2.5.4: the client MUST abort if B % N is zero)
// with exit 3 and one line: nothing is signed with it, no RespondToAuthChallenge is sent, no token
// printed, no secret shown. The SRP maths load while InitiateAuth is answered (src/auth/flows/srp.ts),
// so this also checks that an answer arriving before or after they load is judged the same. And
// since Cognito's SRP has no server proof, such an endpoint can answer with any "tokens": what is
// not a token's form (a CR/LF that would inject a header into `$(mmbatch-auth token)`, an escape
// sequence) is refused, never printed or kept.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitCode } from '../src/errors.js';
import { LAUNCHERS, runTraced } from './support/world.js';

/** RFC 3526 group 15, Cognito's SRP modulus N. */
const N_HEX =
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF';
const POOL = 'us-east-1_Hostile01';
const CLIENT = 'hostileclient0000000000000';
const USER = 'admin@example.com';
const PASSWORD = 'Hostile-Test-Pass-9!';

const good = { SALT: 'a1b2c3d4e5f6', SECRET_BLOCK: Buffer.from('secret block').toString('base64'), USER_ID_FOR_SRP: 'a1b2c3d4-0000-4000-8000-123456789abc' };

let server: Server;
let endpoint: string;
let operations: string[];
let challengeParameters: Record<string, string>;
let answerDelayMs: number;
/** What RespondToAuthChallenge answers (default: nothing usable). */
let finalAnswer: object;
const homes: string[] = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const operation = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
      operations.push(operation);
      const answer = () => {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(operation === 'InitiateAuth' ? { ChallengeName: 'PASSWORD_VERIFIER', ChallengeParameters: challengeParameters } : finalAnswer));
      };
      if (answerDelayMs) setTimeout(answer, answerDelayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const home of homes) rmSync(home, { recursive: true, force: true });
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  operations = [];
  answerDelayMs = 0;
  finalAnswer = {};
});

function env(): Record<string, string> {
  const home = mkdtempSync(join(tmpdir(), 'mmbatch-auth-hostile-srp-'));
  homes.push(home);
  return { HOME: home, AWS_ENDPOINT_URL: endpoint, AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true', MMBATCH_AUTH_PASSWORD: PASSWORD };
}

const ARGS = ['token', '--user-pool-id', POOL, '--client-id', CLIENT, '--region', 'us-east-1', '--username', USER];
// --verbose is the full CLI's (the lean path leaves it the run): both ways through the SRP flow.
const PATHS = [
  ['the lean path', [] as string[]],
  ['the full CLI', ['--verbose']],
] as const;

describe.each(PATHS)('a degenerate SRP challenge, %s', (_path, extra) => {
  test.each([
    ['B = 0', { ...good, SRP_B: '0' }],
    ['B = 000…0', { ...good, SRP_B: '0'.repeat(768) }],
    ['B = N (≡ 0 mod N, which the helper alone would sign)', { ...good, SRP_B: N_HEX }],
    ['B = 2N, with leading zeros', { ...good, SRP_B: `000${(BigInt(`0x${N_HEX}`) * 2n).toString(16)}` }],
    ['B not hex', { ...good, SRP_B: 'zz-not-hex' }],
    ['no salt', { SECRET_BLOCK: good.SECRET_BLOCK, USER_ID_FOR_SRP: good.USER_ID_FOR_SRP, SRP_B: 'abcdef0123' }],
    ['no SRP_B at all', { ...good }],
  ])('%s: exit 3, one line, nothing answered, no token', async (_label, parameters) => {
    challengeParameters = parameters as Record<string, string>;
    const result = await runTraced(LAUNCHERS.cjs, [...ARGS, ...extra], env());
    expect(result.code).toBe(ExitCode.auth);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/SRP answer is unusable|authentication failed/);
    if (!extra.includes('--verbose')) expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toContain(PASSWORD);
    expect(operations).toEqual(['InitiateAuth']);
    // Which way the run went: the lean path never loads the ES-module CLI.
    expect(result.loaded.some((file) => file.endsWith('/dist/launchCli.cjs'))).toBe(extra.includes('--verbose'));
  });
});

test('a degenerate answer that comes late (after the SRP maths loaded) is refused the same way', async () => {
  challengeParameters = { ...good, SRP_B: N_HEX };
  answerDelayMs = 300;
  const result = await runTraced(LAUNCHERS.cjs, ARGS, env());
  expect(result.code).toBe(ExitCode.auth);
  expect(result.stdout).toBe('');
  expect(operations).toEqual(['InitiateAuth']);
});

describe.each(PATHS)('tokens that are not JWTs, %s', (_path, extra) => {
  // Cognito's SRP has no server proof: any B passes the client, so a hostile endpoint reaches this.
  test.each([
    ['a header injected into the access token', { AccessToken: 'aaa.bbb.ccc\r\nX-Evil: 1', IdToken: 'aaa.bbb.ccc' }],
    ['an escape sequence in the ID token', { AccessToken: 'aaa.bbb.ccc', IdToken: 'aaa.bbb.\u001b]0;PWNED\u0007' }],
    ['a refresh token with a newline', { AccessToken: 'aaa.bbb.ccc', IdToken: 'aaa.bbb.ccc', RefreshToken: 'r.r.r.r.r\nrm -rf' }],
    ['two parts only', { AccessToken: 'aaa.bbb', IdToken: 'aaa.bbb.ccc' }],
  ])('%s: refused (exit 1), nothing printed, nothing kept', async (_label, result) => {
    challengeParameters = { ...good, SRP_B: 'abcdef0123456789' };
    finalAnswer = { AuthenticationResult: { ...result, ExpiresIn: 3600, TokenType: 'Bearer' } };
    const environment = env();
    const run = await runTraced(LAUNCHERS.cjs, [...ARGS, ...extra], environment);
    expect(run.stdout).toBe('');
    expect(run.code).toBe(ExitCode.aws);
    expect(run.stderr).toMatch(/not a usable token/);
    expect(run.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    expect(operations).toEqual(['InitiateAuth', 'RespondToAuthChallenge']);
    const cache = join(environment.HOME, '.cache', 'mmbatch-auth');
    expect(existsSync(cache) ? readdirSync(cache).filter((name) => name.startsWith('token-')) : []).toEqual([]);
  });
});
