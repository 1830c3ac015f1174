// Time-based one-time passwords as authenticator apps make them (RFC 6238 over RFC 4226): HMAC-SHA-1, 30-second
// steps, 6 digits; secrets in base32 (RFC 4648), as Cognito's AssociateSoftwareToken hands them out.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const STEP_SECONDS = 30;
const DIGITS = 6;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A new secret: 20 random bytes (the HMAC-SHA-1 key size RFC 4226 recommends), base32 without padding. */
export function newTotpSecret() {
  return base32Encode(randomBytes(20));
}

/**
 * The code for a moment.
 * @param {string} secret base32 @param {number | Date} [at] epoch ms or a Date; now by default
 */
export function totp(secret, at = Date.now()) {
  const step = Math.floor((at instanceof Date ? at.getTime() : at) / 1000 / STEP_SECONDS);
  return hotp(base32Decode(secret), step);
}

/**
 * Whether a code is right now, allowing one step of clock drift either way (authenticator apps run late or early).
 * @param {string} secret @param {unknown} code @param {number} [at]
 */
export function isTotpValid(secret, code, at = Date.now()) {
  if (typeof code !== 'string' || !/^\d{6}$/.test(code)) return false;
  return [-1, 0, 1].some((drift) => timingSafeEqual(Buffer.from(totp(secret, at + drift * STEP_SECONDS * 1000)), Buffer.from(code)));
}

/** @param {Buffer} key @param {number} counter */
function hotp(key, counter) {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac('sha1', key).update(message).digest();
  const offset = digest[digest.length - 1] & 0x0f; // dynamic truncation
  const binary = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** DIGITS).padStart(DIGITS, '0');
}

/** @param {Buffer} bytes */
export function base32Encode(bytes) {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** @param {string} text base32, any case, padding and spaces ignored */
export function base32Decode(text) {
  const clean = text.toUpperCase().replace(/[\s=]/g, '');
  let bits = 0;
  let value = 0;
  const out = [];
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new TypeError(`not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}
