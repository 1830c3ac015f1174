// A minimal HTTP front for the emulator, for its own tests: X-Amz-Target
// `AWSCognitoIdentityService.<Op>` goes to Cognito Identity, a form body with `Action=` to IAM.
// The project's gateway routes the same way; this file is not it.
import { createServer } from 'node:http';
import { TARGET_PREFIX } from './cognito-identity/index.mjs';
import { createIdentityAndIamEmulator } from './emulator.mjs';

const ACCOUNT_ID = '000000000000';

/**
 * @param {{ port?: number, host?: string, emulator?: ReturnType<typeof createIdentityAndIamEmulator> }} [options]
 * @returns {Promise<{ endpoint: string, emulator: ReturnType<typeof createIdentityAndIamEmulator>, stop: () => Promise<void> }>}
 */
export async function startEmulatorServer(options = {}) {
  const emulator = options.emulator ?? createIdentityAndIamEmulator();
  const server = createServer((request, response) => {
    const chunks = /** @type {Buffer[]} */ ([]);
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      route(emulator, request, Buffer.concat(chunks).toString('utf8'))
        .then(({ status, headers, body }) => {
          response.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(body) });
          response.end(body);
        })
        .catch((error) => {
          response.writeHead(500, { 'Content-Type': 'text/plain' });
          response.end(String(error?.stack ?? error));
        });
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve(undefined));
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    endpoint: `http://${host}:${address.port}`,
    emulator,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * @param {ReturnType<typeof createIdentityAndIamEmulator>} emulator
 * @param {import('node:http').IncomingMessage} request
 * @param {string} text
 */
async function route(emulator, request, text) {
  const ctx = { region: signingRegion(request.headers.authorization) ?? 'us-east-1', accountId: ACCOUNT_ID };
  const target = request.headers['x-amz-target'];
  if (typeof target === 'string' && target.startsWith(TARGET_PREFIX)) {
    let body;
    try {
      body = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      body = text; // not an object, so the handler answers SerializationException
    }
    return emulator.handleCognitoIdentity(target.slice(TARGET_PREFIX.length), body, ctx);
  }
  const params = Object.fromEntries(new URLSearchParams(text));
  if (typeof params.Action === 'string') return emulator.handleIam(params.Action, params, ctx);
  return { status: 400, headers: { 'Content-Type': 'text/plain' }, body: 'Neither an X-Amz-Target nor an Action.' };
}

/**
 * The region from a SigV4 Authorization header's credential scope (`…/20240101/us-east-1/…`).
 * @param {string | undefined} authorization
 */
function signingRegion(authorization) {
  return /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(authorization ?? '')?.[1];
}
