// A fresh self-signed certificate for 127.0.0.1 and localhost, as the real server ships with one.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** @returns {Promise<{ certFile: string, keyFile: string, remove: () => Promise<void> }>} */
export async function makeSelfSignedCert() {
  const dir = await mkdtemp(join(tmpdir(), 'mmbatch-server-tls-'));
  const certFile = join(dir, 'server.crt');
  const keyFile = join(dir, 'server.key');
  try {
    await run(process.env.OPENSSL ?? 'openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '2',
      '-keyout', keyFile, '-out', certFile,
      '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ], { timeout: 30_000 });
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`openssl could not make a self-signed certificate: ${/** @type {Error} */ (err).message}`);
  }
  return { certFile, keyFile, remove: () => rm(dir, { recursive: true, force: true }) };
}
