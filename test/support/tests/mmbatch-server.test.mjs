// The stand-in MMBatch server behaves as /work/shared/mmbatch-api.md says, with real RS256 tokens.
import http from 'node:http';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { startMmbatchServer } from '../mmbatch-server.mjs';
import { HOSTILE_MESSAGE, LARGE_BODY_BYTES } from '../mmbatch-server/faults.mjs';
import { startFakeIdp } from '../mmbatch-server/fake-idp.mjs';

const REGION = 'us-east-1';
const POOL = 'us-east-1_PoolOne';
const OTHER_POOL = 'us-east-1_PoolTwo';
const CLIENT = 'client1example';
const OTHER_CLIENT = 'client2example';
const COGNITO = '/api/v1/security/cognito';

/**
 * @param {{ url: string }} server
 * @param {string} method
 * @param {string} path
 * @param {{ body?: unknown, raw?: string, token?: string, scheme?: string, ca?: Buffer, timeoutMs?: number }} [opts]
 * @returns {Promise<{ status: number, text: string, json: any }>}
 */
function call(server, method, path, { body, raw, token, scheme = 'Bearer', ca, timeoutMs = 5000 } = {}) {
  const data = raw ?? (body === undefined ? undefined : JSON.stringify(body));
  const url = new URL(path, server.url);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, {
      method,
      agent: false,
      ca,
      timeout: timeoutMs,
      headers: {
        ...(data === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `${scheme} ${token}` } : {}),
      },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { text += chunk; });
      res.on('end', () => {
        let json;
        try { json = JSON.parse(text); } catch { json = undefined; }
        resolve({ status: /** @type {number} */ (res.statusCode), text, json });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('client timeout'), { code: 'CLIENT_TIMEOUT' })));
    req.on('error', reject);
    req.end(data);
  });
}

/** @param {any} value */
const clone = (value) => JSON.parse(JSON.stringify(value));

describe('stand-in MMBatch server', () => {
  /** @type {Awaited<ReturnType<typeof startFakeIdp>>} */
  let idp;
  /** @type {Awaited<ReturnType<typeof startMmbatchServer>>} */
  let server;

  const adminToken = (pool = POOL, clientId = CLIENT) => idp.token({ pool, clientId, username: 'ada', groups: ['admin'] });
  const userToken = (pool = POOL) => idp.token({ pool, clientId: CLIENT, username: 'bob', groups: ['users'] });
  /** @param {Record<string, unknown>} [overrides] */
  const settings = (overrides = {}) => ({
    region: REGION,
    userPoolID: POOL,
    clientID: CLIENT,
    identityPoolID: 'us-east-1:11111111-2222-3333-4444-555555555555',
    adminGroups: 'admin,ops',
    accessKey: 'AKIAEXAMPLEKEY',
    secretKey: 'example/secret/key',
    token: adminToken(),
    ...overrides,
  });
  const enable = async () => {
    const res = await call(server, 'PUT', COGNITO, { body: settings() });
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    idp = await startFakeIdp();
    idp.addPool(POOL);
    idp.addPool(OTHER_POOL);
  });
  afterAll(() => idp.stop());
  beforeEach(async () => {
    server = await startMmbatchServer({ issuerFor: idp.issuerFor });
  });
  afterEach(() => server.stop());

  test('discovery needs no token; adminGroups is a string there and an array in /config', async () => {
    const cognito = await call(server, 'GET', COGNITO);
    expect(cognito.status).toBe(200);
    expect(cognito.json).toEqual({ enabled: false, region: '', userPoolID: '', clientID: '', identityPoolID: '', adminGroups: '' });
    const config = await call(server, 'GET', '/api/v1/config');
    expect(config.status).toBe(200);
    expect(config.json).toEqual(server.config);
    expect(config.json.security.cognito.adminGroups).toEqual([]);
    expect(server.calls).toEqual([
      { method: 'GET', path: COGNITO, authorized: false, bearer: false, status: 200 },
      { method: 'GET', path: '/api/v1/config', authorized: false, bearer: false, status: 200 },
    ]);
  });

  test('an admin access token enables Cognito; only security.cognito changes', async () => {
    const before = clone(server.config);
    const res = await call(server, 'PUT', COGNITO, { body: settings() });
    expect(res.status).toBe(200);
    const view = { enabled: true, region: REGION, userPoolID: POOL, clientID: CLIENT, identityPoolID: settings().identityPoolID, adminGroups: 'admin,ops' };
    expect(res.json).toEqual(view); // no token, accessKey or secretKey echoed
    expect(server.config).toEqual({
      ...before,
      security: { ...before.security, cognito: { ...view, adminGroups: ['admin', 'ops'] } },
    });
    expect(server.credentials).toEqual({ accessKey: 'AKIAEXAMPLEKEY', secretKey: 'example/secret/key' });
    expect((await call(server, 'GET', COGNITO)).json).toEqual(view);
    const config = await call(server, 'GET', '/api/v1/config', { token: userToken() });
    expect(config.json.security.cognito.adminGroups).toEqual(['admin', 'ops']);
    expect(config.text).not.toMatch(/example\/secret|AKIAEXAMPLEKEY/);
  });

  test.each([
    ['a non-admin token', () => ({ token: userToken() }), /none of the admin groups/],
    ['a token of another app client', () => ({ token: adminToken(POOL, OTHER_CLIENT) }), /another app client/],
    ['an expired token', () => ({ token: idp.token({ pool: POOL, clientId: CLIENT, groups: ['admin'], expiresIn: -60 }) }), /expired/],
    ['a forged signature', () => ({ token: idp.token({ pool: POOL, clientId: CLIENT, groups: ['admin'], forgeSignature: true }) }), /signature/],
    ['an ID token', () => ({ token: idp.token({ pool: POOL, clientId: CLIENT, groups: ['admin'], tokenUse: 'id' }) }), /not an access token/],
    ['a token of another pool', () => ({ token: adminToken(OTHER_POOL) }), /user pool/],
    ['a missing clientID', () => ({ clientID: undefined }), /clientID is required/],
    ['an empty region', () => ({ region: '' }), /region is required/],
    ['adminGroups as an array', () => ({ adminGroups: ['admin'] }), /adminGroups must be a string/],
    ['accessKey without secretKey', () => ({ secretKey: undefined }), /go together/],
  ])('refuses %s with 422 and changes nothing', async (_name, overrides, message) => {
    const before = clone(server.config);
    const res = await call(server, 'PUT', COGNITO, { body: settings(overrides()) });
    expect(res.status).toBe(422);
    expect(res.json).toEqual({ statusCode: 422, errorCode: 1003, message: expect.stringMatching(/^Invalid argument: /) });
    expect(res.json.message).toMatch(message);
    expect(server.config).toEqual(before);
    expect(server.credentials).toEqual({ accessKey: '', secretKey: '' });
  });

  test('once enabled, changing or disabling Cognito needs an admin bearer token', async () => {
    await enable();
    const repush = settings({ adminGroups: 'admin' });
    expect((await call(server, 'PUT', COGNITO, { body: repush })).status).toBe(401);
    expect((await call(server, 'DELETE', COGNITO)).status).toBe(401);
    expect((await call(server, 'DELETE', COGNITO, { token: 'not.a.jwt' })).status).toBe(401);
    const expired = idp.token({ pool: POOL, clientId: CLIENT, groups: ['admin'], expiresIn: -5 });
    expect((await call(server, 'DELETE', COGNITO, { token: expired })).json).toMatchObject({ statusCode: 401, message: expect.stringMatching(/expired/) });
    const forbidden = await call(server, 'PUT', COGNITO, { body: repush, token: userToken() });
    expect(forbidden.json).toMatchObject({ statusCode: 403, errorCode: expect.any(Number) });
    expect((await call(server, 'DELETE', COGNITO, { token: userToken() })).status).toBe(403);
    expect(server.config.security.cognito.adminGroups).toEqual(['admin', 'ops']);

    expect((await call(server, 'PUT', COGNITO, { body: repush, token: adminToken() })).json.adminGroups).toBe('admin');
    const off = await call(server, 'DELETE', COGNITO, { token: adminToken(), scheme: 'bearer' });
    expect(off.status).toBe(200);
    expect(off.json).toMatchObject({ enabled: false, userPoolID: POOL, clientID: CLIENT, adminGroups: 'admin' });
    expect(server.config.security.cognito).toMatchObject({ enabled: false, userPoolID: POOL, adminGroups: ['admin'] });
    expect(server.calls.at(-1)).toEqual({ method: 'DELETE', path: COGNITO, authorized: true, bearer: true, status: 200 });
  });

  test('moving to a new pool verifies against that pool while the bearer answers to the current one', async () => {
    await enable();
    const body = settings({ userPoolID: OTHER_POOL, token: adminToken(OTHER_POOL) });
    expect((await call(server, 'PUT', COGNITO, { body, token: adminToken(OTHER_POOL) })).status).toBe(401);
    const res = await call(server, 'PUT', COGNITO, { body, token: adminToken() });
    expect(res.status).toBe(200);
    expect(server.config.security.cognito.userPoolID).toBe(OTHER_POOL);
    expect((await call(server, 'GET', '/api/v1/config', { token: userToken(OTHER_POOL) })).status).toBe(200);
  });

  test('once enabled, every other call needs a valid access token; discovery stays open', async () => {
    await enable();
    expect((await call(server, 'GET', '/api/v1/config')).json).toMatchObject({ statusCode: 401, errorCode: expect.any(Number), message: expect.any(String) });
    expect((await call(server, 'GET', '/api/v1/config', { token: userToken(), scheme: 'Basic' })).status).toBe(401);
    const idToken = idp.token({ pool: POOL, clientId: CLIENT, groups: ['admin'], tokenUse: 'id' });
    expect((await call(server, 'GET', '/api/v1/config', { token: idToken })).status).toBe(401);
    expect((await call(server, 'GET', '/api/v1/config', { token: userToken(), scheme: 'BEARER' })).status).toBe(200);
    expect((await call(server, 'GET', '/api/v1/log/config')).status).toBe(401);
    expect((await call(server, 'PUT', '/api/v1/configKV', { body: { kvMap: { 'node.ttl': '5m' } } })).status).toBe(401);
    expect((await call(server, 'GET', COGNITO)).status).toBe(200);
    expect(server.calls.at(-1)).toMatchObject({ authorized: false, bearer: false, status: 200 });
  });

  test('configKV and log/config change what they name, typed like the value they replace', async () => {
    const before = clone(server.config);
    const res = await call(server, 'PUT', '/api/v1/configKV', {
      body: { kvMap: { 'node.ttl': '5m', 'job.queues': 'default,gpu', 'node.labels': 'team:ml,env:prod', 'ckpt.retention': '7', 'ckpt.compress': 'false' } },
    });
    expect(res.status).toBe(200);
    expect(server.config).toEqual({
      ...before,
      node: { ...before.node, ttl: '5m', labels: { team: 'ml', env: 'prod' } },
      job: { ...before.job, queues: ['default', 'gpu'] },
      ckpt: { ...before.ckpt, retention: 7, compress: false },
    });
    const after = clone(server.config);
    for (const kvMap of [{ 'node.nope': '1' }, { 'ckpt.retention': 'lots' }, { node: '1' }, { 'security.cognito.enabled': 'true' }, { 'node.ttl': 5 }]) {
      expect((await call(server, 'PUT', '/api/v1/configKV', { body: { kvMap } })).json).toMatchObject({ statusCode: 422, errorCode: 1003 });
    }
    expect(server.config).toEqual(after);

    expect((await call(server, 'GET', '/api/v1/log/config')).json).toEqual(before.log);
    const log = await call(server, 'PUT', '/api/v1/log/config', { body: { level: 'debug' } });
    expect(log.json).toEqual({ ...before.log, level: 'debug' });
    expect((await call(server, 'PUT', '/api/v1/log/config', { body: { level: 'loud' } })).status).toBe(422);
  });

  test('bad JSON is 400 and an unknown path 404, in the server error shape', async () => {
    const bad = await call(server, 'PUT', COGNITO, { raw: '{"region": ' });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ statusCode: 400, errorCode: 1003, message: expect.stringMatching(/JSON/) });
    const missing = await call(server, 'GET', '/api/v1/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ statusCode: 404, errorCode: expect.any(Number), message: expect.any(String) });
  });

  describe('faults', () => {
    test('status500 and status422 answer in the server shape, then the fault is spent', async () => {
      server.injectFault({ method: 'GET', path: COGNITO, kind: 'status500' });
      expect(await call(server, 'GET', COGNITO)).toMatchObject({ status: 500, json: { statusCode: 500, errorCode: expect.any(Number), message: 'internal error' } });
      expect((await call(server, 'GET', COGNITO)).status).toBe(200);

      const before = clone(server.config);
      server.injectFault({ method: 'PUT', path: COGNITO, kind: 'status422', times: 2 });
      for (let i = 0; i < 2; i++) {
        expect(await call(server, 'PUT', COGNITO, { body: settings() })).toMatchObject({ status: 422, json: { statusCode: 422, errorCode: 1003 } });
      }
      expect(server.config).toEqual(before);
      expect((await call(server, 'PUT', COGNITO, { body: settings() })).status).toBe(200);
    });

    test('garbage answers 200 with a body that is not JSON, and changes nothing', async () => {
      const before = clone(server.config);
      server.injectFault({ method: 'PUT', path: COGNITO, kind: 'garbage' });
      const res = await call(server, 'PUT', COGNITO, { body: settings() });
      expect(res.status).toBe(200);
      expect(() => JSON.parse(res.text)).toThrow();
      expect(server.config).toEqual(before);
    });

    test('reset drops the connection; clearFaults removes what is left', async () => {
      server.injectFault({ path: '/api/v1/config', kind: 'reset', times: Infinity });
      await expect(call(server, 'GET', '/api/v1/config')).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|EPIPE/) });
      await expect(call(server, 'PUT', '/api/v1/config')).rejects.toThrow();
      server.clearFaults();
      expect((await call(server, 'GET', '/api/v1/config')).status).toBe(200);
      expect(server.calls.map((c) => c.status)).toEqual([null, null, 200]);
    });

    test('timeout never answers, and stop() still ends promptly', async () => {
      server.injectFault({ method: 'GET', path: COGNITO, kind: 'timeout' });
      await expect(call(server, 'GET', COGNITO, { timeoutMs: 300 })).rejects.toMatchObject({ code: 'CLIENT_TIMEOUT' });
      server.injectFault({ method: 'GET', path: COGNITO, kind: 'timeout' });
      const pending = call(server, 'GET', COGNITO, { timeoutMs: 10_000 });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = Date.now();
      await server.stop();
      expect(Date.now() - started).toBeLessThan(2000);
      await expect(pending).rejects.toThrow();
    });
  });

  describe('faults for hostile answers', () => {
    /** Reads an answer's size without keeping it. @param {string} url @returns {Promise<{ status: number, headers: import('node:http').IncomingHttpHeaders, bytes: number, head: string, tail: string }>} */
    const measure = (url) =>
      new Promise((resolve, reject) => {
        http.get(url, { agent: false }, (res) => {
          let bytes = 0;
          let head = '';
          let tail = '';
          res.on('data', (chunk) => {
            if (head.length < 40) head = (head + chunk.subarray(0, 40).toString()).slice(0, 40);
            bytes += chunk.length;
            tail = (tail + chunk.toString('latin1')).slice(-40);
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes, head, tail }));
          res.on('error', reject);
        }).on('error', reject);
      });

    test('largeBody: a 200 JSON answer of 20 MiB by default, streamed (chunked), or of a given size with its length declared', async () => {
      server.injectFault({ method: 'GET', path: COGNITO, kind: 'largeBody' });
      const big = await measure(new URL(COGNITO, server.url).href);
      expect(big).toMatchObject({ status: 200, bytes: LARGE_BODY_BYTES });
      expect(big.headers['transfer-encoding']).toBe('chunked');
      expect(big.headers['content-length']).toBeUndefined();
      expect(big.head).toMatch(/^\{"enabled":false,"padding":"a/);
      expect(big.tail).toMatch(/a"\}$/);

      server.injectFault({ method: 'GET', path: COGNITO, kind: 'largeBody', bytes: 3_000_000, declareLength: true });
      const sized = await measure(new URL(COGNITO, server.url).href);
      expect(sized).toMatchObject({ status: 200, bytes: 3_000_000, headers: { 'content-length': '3000000' } });
      expect(server.calls.at(-1)).toMatchObject({ path: COGNITO, status: 200 });
      // Spent: the next answer is the real one.
      expect((await call(server, 'GET', COGNITO)).json).toMatchObject({ enabled: false });
    });

    test('largeBody: a client that stops reading does not make the server buffer the rest', async () => {
      server.injectFault({ method: 'GET', path: COGNITO, kind: 'largeBody', bytes: 512 * 1024 * 1024 });
      const before = process.memoryUsage().rss;
      await new Promise((resolve, reject) => {
        const req = http.get(new URL(COGNITO, server.url), { agent: false }, (res) => {
          let seen = 0;
          res.on('data', (chunk) => {
            seen += chunk.length;
            if (seen > 1024 * 1024) req.destroy();
          });
          res.on('close', resolve);
        });
        req.on('error', () => resolve(undefined));
        req.on('close', resolve);
        setTimeout(() => reject(new Error('no answer')), 5000);
      });
      expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
      expect((await call(server, 'GET', COGNITO)).status).toBe(200);
    });

    test('hostileMessage: the server error shape, a message full of escape sequences and control characters', async () => {
      server.injectFault({ method: 'PUT', path: COGNITO, kind: 'hostileMessage' });
      const res = await call(server, 'PUT', COGNITO, { body: settings() });
      expect(res.status).toBe(422);
      expect(res.json).toEqual({ statusCode: 422, errorCode: 1003, message: HOSTILE_MESSAGE });
      expect(HOSTILE_MESSAGE).toMatch(/\u001b\[/); // CSI
      expect(HOSTILE_MESSAGE).toMatch(/\u001b\]/); // OSC
      expect(HOSTILE_MESSAGE).toMatch(/[\u0000\u0007\u0008\r\u007f\u009b]/);
      expect(server.config.security.cognito.enabled).toBe(false); // a fault changes nothing

      server.injectFault({ method: 'GET', path: '/api/v1/config', kind: 'hostileMessage', status: 500 });
      expect(await call(server, 'GET', '/api/v1/config')).toMatchObject({ status: 500, json: { message: HOSTILE_MESSAGE } });
    });
  });

  test('TLS: rotateCertificate serves a new certificate (a new fingerprint) and keeps the state; the old one is no longer trusted', async () => {
    const secure = await startMmbatchServer({ tls: true, issuerFor: idp.issuerFor });
    try {
      const oldPem = secure.certificatePem() ?? '';
      const oldFingerprint = secure.fingerprint();
      expect(oldFingerprint).toBe(new X509Certificate(oldPem).fingerprint256);
      expect(oldFingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      expect((await call(secure, 'PUT', COGNITO, { body: settings(), ca: Buffer.from(oldPem) })).status).toBe(200);
      const certFile = secure.caCertFile;

      const rotated = await secure.rotateCertificate();
      expect(rotated.fingerprint).not.toBe(oldFingerprint);
      expect(secure.fingerprint()).toBe(rotated.fingerprint);
      expect(secure.certificatePem()).not.toBe(oldPem);
      expect(secure.caCertFile).toBe(certFile);
      expect(readFileSync(/** @type {string} */ (secure.caCertFile), 'utf8')).toBe(secure.certificatePem());
      expect(secure.config.security.certFile).toBe(certFile);

      // A client that pinned the old certificate is refused; the new one is served, with the server's state intact.
      await expect(call(secure, 'GET', COGNITO, { ca: Buffer.from(oldPem) })).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
      const seen = await new Promise((resolve, reject) => {
        const req = https.get(new URL(COGNITO, secure.url), { agent: false, rejectUnauthorized: false }, (res) => {
          resolve(/** @type {import('node:tls').TLSSocket} */ (res.socket).getPeerCertificate().fingerprint256);
          res.resume();
        });
        req.on('error', reject);
      });
      expect(seen).toBe(rotated.fingerprint);
      const now = await call(secure, 'GET', COGNITO, { ca: Buffer.from(secure.certificatePem() ?? '') });
      expect(now.json).toMatchObject({ enabled: true, userPoolID: POOL });
    } finally {
      await secure.stop();
    }
  });

  test('a plain HTTP server has no certificate to rotate', async () => {
    expect(server.fingerprint()).toBeUndefined();
    await expect(server.rotateCertificate()).rejects.toThrow(/plain HTTP/);
  });

  test('TLS: reachable with its caCertFile, refused without it', async () => {
    const secure = await startMmbatchServer({ tls: true, issuerFor: idp.issuerFor });
    try {
      expect(secure.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const ca = readFileSync(/** @type {string} */ (secure.caCertFile));
      expect(secure.config.security.certFile).toBe(secure.caCertFile);
      expect((await call(secure, 'GET', COGNITO, { ca })).status).toBe(200);
      const byName = { url: secure.url.replace('127.0.0.1', 'localhost') };
      expect((await call(byName, 'GET', COGNITO, { ca })).status).toBe(200);
      await expect(call(secure, 'GET', COGNITO)).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    } finally {
      await secure.stop();
    }
  });
});
