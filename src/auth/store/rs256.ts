// RS256 signature verification (RSASSA-PKCS1-v1_5 with SHA-256, RFC 8017 §8.2.2) without
// node:crypto: on the cached-token path, loading node:crypto costs about 5-7 ms of a ~35 ms budget
// (Node's own start-up), while this costs well under one (one modular exponentiation with e = 65537
// and one SHA-256 of a token). Verification only, of public data: no secret is ever handled here,
// so no constant-time care is needed. The encoded message is compared whole, byte for byte, with
// the one expected (never parsed), which is what rules out the known forgeries of lax PKCS#1 parsers.
//
// Tested against node:crypto's own sign and verify (test/rs256.test.ts).

/** SHA-256's constants: the fractional parts of the square roots (H0) and cube roots (K) of the first primes (FIPS 180-4 §4.2.2, §5.3.3). */
const H0 = new Int32Array(8);
const K = new Int32Array(64);
{
  const fraction = (x: number) => ((x - Math.floor(x)) * 0x100000000) | 0;
  let found = 0;
  for (let candidate = 2; found < 64; candidate++) {
    let prime = true;
    for (let divisor = 2; divisor * divisor <= candidate; divisor++) if (candidate % divisor === 0) prime = false;
    if (!prime) continue;
    if (found < 8) H0[found] = fraction(Math.sqrt(candidate));
    K[found++] = fraction(Math.cbrt(candidate));
  }
}

/**
 * SHA-256 of the bytes (FIPS 180-4 §6.2). Written for a cold start (it runs once per process, never
 * warm enough for the JIT): plain locals, rotations inlined, no helper calls in the rounds.
 */
export function sha256(message: Uint8Array): Uint8Array {
  const length = message.length;
  const padded = new Uint8Array(((length + 9 + 63) >> 6) << 6);
  padded.set(message);
  padded[length] = 0x80;
  const bits = length * 8;
  for (let i = 0; i < 8; i++) padded[padded.length - 1 - i] = Math.floor(bits / 2 ** (8 * i)) & 0xff;
  let h0 = H0[0], h1 = H0[1], h2 = H0[2], h3 = H0[3], h4 = H0[4], h5 = H0[5], h6 = H0[6], h7 = H0[7];
  const w = new Int32Array(64);
  for (let block = 0; block < padded.length; block += 64) {
    for (let t = 0; t < 16; t++) {
      const i = block + 4 * t;
      w[t] = (padded[i] << 24) | (padded[i + 1] << 16) | (padded[i + 2] << 8) | padded[i + 3];
    }
    for (let t = 16; t < 64; t++) {
      const x = w[t - 15];
      const y = w[t - 2];
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[t] = (w[t - 16] + s0 + w[t - 7] + s1) | 0;
    }
    let a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7;
    for (let t = 0; t < 64; t++) {
      const t1 = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + ((e & f) ^ (~e & g)) + K[t] + w[t]) | 0;
      const t2 = ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
    h5 = (h5 + f) | 0;
    h6 = (h6 + g) | 0;
    h7 = (h7 + h) | 0;
  }
  const digest = new Uint8Array(32);
  [h0, h1, h2, h3, h4, h5, h6, h7].forEach((word, index) => {
    digest[4 * index] = word >>> 24;
    digest[4 * index + 1] = (word >>> 16) & 0xff;
    digest[4 * index + 2] = (word >>> 8) & 0xff;
    digest[4 * index + 3] = word & 0xff;
  });
  return digest;
}

const toBigInt = (bytes: Uint8Array) => (bytes.length ? BigInt(`0x${Buffer.from(bytes).toString('hex')}`) : 0n);

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let square = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * square) % modulus;
    square = (square * square) % modulus;
  }
  return result;
}

/** DigestInfo for SHA-256, DER (RFC 8017 §9.2, note 1): what precedes the hash in the encoded message. */
const SHA256_DIGEST_INFO = Uint8Array.from([0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20]);

/**
 * True when `signature` is the RS256 signature of `data` under the RSA public key (n, e), given as
 * the JWK's base64url big-endian integers. Keys under 2048 bits are refused, as Cognito's are 2048.
 */
export function verifyRs256(data: Uint8Array, signature: Uint8Array, modulus: string, exponent: string): boolean {
  const nBytes = Buffer.from(modulus, 'base64url');
  let leading = 0;
  while (leading < nBytes.length && nBytes[leading] === 0) leading++;
  const k = nBytes.length - leading;
  const n = toBigInt(nBytes);
  const e = toBigInt(Buffer.from(exponent, 'base64url'));
  if (k < 256 || e < 3n || e % 2n === 0n || signature.length !== k) return false;
  const s = toBigInt(signature);
  if (s >= n) return false;
  const encoded = Buffer.from(modPow(s, e, n).toString(16).padStart(2 * k, '0'), 'hex');
  const hash = sha256(data);
  const padding = k - 3 - SHA256_DIGEST_INFO.length - hash.length;
  if (padding < 8) return false;
  const expected = new Uint8Array(k);
  expected[1] = 0x01;
  expected.fill(0xff, 2, 2 + padding);
  expected.set(SHA256_DIGEST_INFO, 3 + padding);
  expected.set(hash, 3 + padding + SHA256_DIGEST_INFO.length);
  let same = encoded.length === k;
  for (let i = 0; i < k; i++) same = same && encoded[i] === expected[i];
  return same;
}
