// Fetches a JWKS over http or https: aws-jwt-verify's own fetcher speaks https only, and the
// local stack's emulator (cognito-local) serves its JWKS over plain http.
import http from 'node:http';
import https from 'node:https';

const TIMEOUT_MS = 3000;
const MAX_BYTES = 1 << 20;

/** Implements aws-jwt-verify's `Fetcher` interface. */
export class JwksFetcher {
  /**
   * @param {string} uri
   * @returns {Promise<ArrayBuffer>}
   */
  fetch(uri) {
    const client = new URL(uri).protocol === 'http:' ? http : https;
    return new Promise((resolve, reject) => {
      // agent: false, so no keep-alive socket outlives the server that asked.
      const req = client.get(uri, { agent: false, timeout: TIMEOUT_MS }, (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          reject(new Error(`JWKS fetch from ${uri} answered ${res.statusCode}`));
          return;
        }
        /** @type {Buffer[]} */
        const chunks = [];
        let size = 0;
        res.on('data', (chunk) => {
          size += chunk.length;
          if (size > MAX_BYTES) req.destroy(new Error(`JWKS at ${uri} is too large`));
          else chunks.push(chunk);
        });
        res.on('end', () => {
          const buf = Buffer.concat(chunks);
          resolve(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
        });
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`JWKS fetch from ${uri} timed out`)));
      req.on('error', reject);
    });
  }
}
