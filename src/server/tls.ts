// The server's TLS certificate as a person checks it, the way ssh shows a host key: its SHA-256
// fingerprint and subject, whether it is trusted by what we would verify it with, and the PEM to
// keep when the user trusts it. One handshake, nothing sent over it.
import { connect, checkServerIdentity, rootCertificates, type DetailedPeerCertificate } from 'node:tls';
import { openSync, readSync, closeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { NetworkError, UsageError } from '../errors.js';

/** A certificate file larger than this is not a certificate (and /dev/zero never ends). */
const MAX_CERT_FILE_BYTES = 1024 * 1024;
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

export interface PresentedCertificate {
  /** SHA-256 of the server's own certificate, `AB:CD:...` (what `openssl x509 -fingerprint -sha256` prints). */
  fingerprint: string;
  subject: string;
  issuer: string;
  validTo: string;
  /** The certificate to trust: the top of the chain the server sent (its own, when self-signed). */
  trustPem: string;
  /** Trusted by the certificates we verified with; else why not (SELF_SIGNED_CERT_IN_CHAIN, a wrong host name, ...). */
  trusted: boolean;
  reason?: string;
}

/** Reads at most `limit` bytes (+1 to tell it is more): a device or a huge file never exhausts memory. */
export function readFileCapped(path: string, limit: number): Buffer | undefined {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(limit + 1);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return length > limit ? undefined : buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** --ca-cert <file>: PEM certificates, checked before anything is sent anywhere. */
export function readCaCertFile(path: string, flag = '--ca-cert'): string {
  let content: Buffer | undefined;
  try {
    content = readFileCapped(path, MAX_CERT_FILE_BYTES);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read the CA certificate file '${path}'${code === 'EISDIR' ? ': it is a folder' : ''}`, { hint: `${flag} names a PEM file, e.g. the server's security.certFile` });
  }
  if (content === undefined) throw new UsageError(`'${path}' is not a PEM certificate: it is larger than 1 MiB`);
  const pem = content.toString('utf8').match(PEM_BLOCK);
  if (!pem) throw new UsageError(`'${path}' is not a PEM certificate`, { hint: 'expected -----BEGIN CERTIFICATE----- ... (convert DER with `openssl x509 -inform der -in cert.der -out cert.pem`)' });
  return `${pem.join('\n')}\n`;
}

/** The certificates to verify a server with: the public roots, NODE_EXTRA_CA_CERTS, and the one trusted for it. */
export function trustStore(pem: string | undefined, env: NodeJS.ProcessEnv): string[] | undefined {
  if (!pem) return undefined; // Node's default store (the public roots and NODE_EXTRA_CA_CERTS)
  const extra = env.NODE_EXTRA_CA_CERTS ? safeRead(env.NODE_EXTRA_CA_CERTS) : undefined;
  return [...rootCertificates, ...(extra ? [extra] : []), pem];
}

function safeRead(path: string): string | undefined {
  try {
    return readCaCertFile(path, 'NODE_EXTRA_CA_CERTS');
  } catch {
    return undefined; // Node itself warns about an unreadable NODE_EXTRA_CA_CERTS
  }
}

/** `ab:cd`, `ABCD`, `SHA256 Fingerprint=AB:CD` → `AB:CD`; anything else is bad input. */
export function normaliseFingerprint(value: string): string {
  const hex = value.replace(/^(sha-?256\s*(fingerprint)?\s*[=:]?\s*)/i, '').replace(/[:\s]/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) {
    throw new UsageError(`invalid SHA-256 fingerprint '${value}'`, { hint: 'expected 64 hex digits, e.g. as `openssl x509 -noout -fingerprint -sha256 -in server.crt` prints them' });
  }
  return hex.match(/../g)!.join(':');
}

export function fingerprintOfPem(pem: string): string | undefined {
  const base64 = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(pem)?.[1];
  if (!base64) return undefined;
  const hex = createHash('sha256').update(Buffer.from(base64.replace(/\s+/g, ''), 'base64')).digest('hex').toUpperCase();
  return hex.match(/../g)!.join(':');
}

const toPem = (raw: Buffer) => `-----BEGIN CERTIFICATE-----\n${raw.toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;

function describeName(name: Record<string, string | string[]> | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : value}`)
    .join(', ');
}

/** One TLS handshake with the server: what it presents, and whether `ca` (else Node's default store) trusts it. */
export function probeCertificate(url: string, ca: string[] | undefined, timeoutMs: number): Promise<PresentedCertificate> {
  const { hostname, port } = new URL(url);
  const host = hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port: Number(port || 443), ca, rejectUnauthorized: false, servername: /^[\d.:]+$/.test(host) ? undefined : host });
    const timer = setTimeout(() => socket.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })), timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const leaf = socket.getPeerCertificate(true) as DetailedPeerCertificate;
      let top = leaf;
      for (let depth = 0; top.issuerCertificate && top.issuerCertificate !== top && depth < 10; depth++) top = top.issuerCertificate;
      let trusted = socket.authorized;
      let reason = socket.authorizationError ? String(socket.authorizationError) : undefined;
      if (trusted) {
        const mismatch = checkServerIdentity(host, leaf);
        if (mismatch) {
          trusted = false;
          reason = mismatch.message;
        }
      }
      socket.end();
      resolve({
        fingerprint: leaf.fingerprint256,
        subject: describeName(leaf.subject as unknown as Record<string, string>),
        issuer: describeName(leaf.issuer as unknown as Record<string, string>),
        validTo: leaf.valid_to,
        trustPem: toPem(top.raw),
        trusted,
        reason,
      });
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      // No certificate was presented at all: the network failed (exit 1), not the server.
      reject(
        new NetworkError(`cannot reach the server at ${new URL(url).origin}: ${error.code ?? error.message}`, {
          hint: 'check the URL given with --server (or MMBATCH_SERVER)',
          cause: error,
        }),
      );
    });
  });
}
