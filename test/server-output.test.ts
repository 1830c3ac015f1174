// What a server sends never crashes the CLI nor reaches the terminal as it came: an oversized answer
// is refused after 16 MiB (exit 4, one line), `api` streams a large body to stdout with flat memory,
// and a server's message is shown without its escape sequences and control characters.
import { startWorld, type SetUpWorld } from './support/world.js';

let world: SetUpWorld;

beforeAll(async () => {
  world = await startWorld({ setup: true });
});

afterAll(async () => {
  await world?.stop();
});

afterEach(() => world.server.clearFaults());

const lines = (stderr: string) => stderr.replace(/\n$/, '').split('\n');

test.each([
  ['chunked', false],
  ['with a content-length', true],
])('an answer over 16 MiB (%s): exit 4, one line, no stack trace', async (_label, declareLength) => {
  world.server.injectFault({ method: 'GET', path: '/api/v1/security/cognito', kind: 'largeBody', bytes: 20 * 1024 * 1024, declareLength });
  const result = await world.cli(['server', 'status']);
  expect(result.code).toBe(4);
  expect(lines(result.stderr)[0]).toBe("mmbatch-auth: the server's answer to GET /api/v1/security/cognito is larger than 16 MiB");
  expect(lines(result.stderr).length).toBeLessThanOrEqual(2);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stdout).toBe('');
});

test('api streams a 20 MiB body to stdout as it arrives', async () => {
  world.server.injectFault({ method: 'GET', path: '/api/v1/config', kind: 'largeBody', bytes: 20 * 1024 * 1024 });
  const result = await world.cli(['api', 'GET', '/api/v1/config']);
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
  expect(Buffer.byteLength(result.stdout)).toBe(20 * 1024 * 1024);
});

test("a hostile server message is shown without escapes or control characters", async () => {
  world.server.injectFault({ method: 'PUT', path: '/api/v1/configKV', kind: 'hostileMessage' });
  const result = await world.cli(['api', 'PUT', '/api/v1/configKV', '--data', '{"kvMap":{"node.ttl":"5m"}}']);
  expect(result.code).toBe(4);
  // eslint-disable-next-line no-control-regex
  expect(result.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  expect(lines(result.stderr)[0]).toMatch(/^mmbatch-auth: the server refused PUT \/api\/v1\/configKV: 422 Invalid argument: red .*OVERWRITE nul del c1/);
  expect(lines(result.stderr).length).toBeLessThanOrEqual(2);
});
