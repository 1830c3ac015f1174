// The server half of Amazon Cognito's SRP-6a (USER_SRP_AUTH), so a real SRP client can sign in against the local stack.
// Cognito's variant: the RFC 5054 3072-bit group, SHA-256, byte strings built from "padded" hex, HKDF for the session key.
import { createDiffieHellman, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/** The 3072-bit MODP prime Cognito uses (RFC 3526 group 15). */
export const N = BigInt(
  '0xFFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
);
export const g = 2n;

const SESSION_KEY_INFO = Buffer.from('Caldera Derived Key', 'utf8');

/**
 * Hex of a non-negative integer the way Cognito hashes it: even length, and a leading 00 when the top bit is set
 * (Java BigInteger.toByteArray(), which Cognito's server side uses).
 * @param {bigint} value
 */
export function padHex(value) {
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  return /^[89a-f]/.test(hex) ? `00${hex}` : hex;
}

/** SHA-256 of the bytes a hex string spells, as a number. @param {string} hex */
function hashHex(hex) {
  return BigInt(`0x${createHash('sha256').update(Buffer.from(hex, 'hex')).digest('hex')}`);
}

/** @param {bigint} value */
const bytesOf = (value) => {
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
};

/** @type {import('node:crypto').DiffieHellman | undefined} */
let group;

/**
 * base ^ exponent mod modulus. For Cognito's group, OpenSSL does it (node:crypto's Diffie-Hellman:
 * computeSecret with the exponent as the private key): plain BigInt costs tens of milliseconds per
 * sign-in, which benchmarks of the client would otherwise be measuring. Other cases, and the
 * trivial bases OpenSSL refuses as "public keys", take the square-and-multiply loop.
 * @param {bigint} base @param {bigint} exponent @param {bigint} modulus
 */
export function modPow(base, exponent, modulus) {
  const reduced = ((base % modulus) + modulus) % modulus;
  if (modulus === N && exponent > 0n && reduced > 1n && reduced < N - 1n) {
    group ??= createDiffieHellman(bytesOf(N), Buffer.from([2]));
    group.setPrivateKey(bytesOf(exponent));
    return BigInt(`0x${group.computeSecret(bytesOf(reduced)).toString('hex')}`);
  }
  let result = 1n;
  let square = reduced;
  for (let rest = exponent; rest > 0n; rest >>= 1n) {
    if (rest & 1n) result = (result * square) % modulus;
    square = (square * square) % modulus;
  }
  return result;
}

/** The multiplier k = H(N | g). */
export const k = hashHex(padHex(N) + padHex(g));

/**
 * The private key x = H(salt | H(poolName | userIdForSrp | ':' | password)); it fixes the password verifier v = g^x.
 * @param {{ poolName: string, userIdForSrp: string, password: string, salt: bigint }} input
 */
export function passwordExponent({ poolName, userIdForSrp, password, salt }) {
  const identityHash = createHash('sha256').update(`${poolName}${userIdForSrp}:${password}`, 'utf8').digest('hex');
  return hashHex(padHex(salt) + identityHash);
}

/** @param {bigint} S @param {bigint} u */
function sessionKey(S, u) {
  return Buffer.from(hkdfSync('sha256', Buffer.from(padHex(S), 'hex'), Buffer.from(padHex(u), 'hex'), SESSION_KEY_INFO, 16));
}

/**
 * @typedef {object} SrpExchange
 * @property {string} salt     hex, sent as SALT
 * @property {string} srpB     hex, sent as SRP_B
 * @property {Buffer} passwordKey  the 16-byte key both sides derive; the client proves it knows it
 */

/**
 * Answers a client's SRP_A for a user whose password we know. The session key is derived right away,
 * so only that key needs keeping until the client's PASSWORD_VERIFIER answer arrives.
 * @param {{ poolName: string, userIdForSrp: string, password: string, srpA: string }} input
 * @returns {SrpExchange}
 */
export function startSrpExchange({ poolName, userIdForSrp, password, srpA }) {
  const A = parseHexInteger(srpA, 'SRP_A');
  if (A % N === 0n) throw new RangeError('SRP_A must not be a multiple of N');
  const salt = BigInt(`0x${randomBytes(16).toString('hex')}`);
  const v = modPow(g, passwordExponent({ poolName, userIdForSrp, password, salt }), N);
  let b;
  let B;
  do {
    b = BigInt(`0x${randomBytes(128).toString('hex')}`) % N;
    B = (k * v + modPow(g, b, N)) % N;
  } while (B === 0n);
  const u = hashHex(padHex(A) + padHex(B));
  if (u === 0n) throw new RangeError('SRP scrambling parameter u is 0');
  const S = modPow((A * modPow(v, u, N)) % N, b, N);
  return { salt: salt.toString(16), srpB: B.toString(16), passwordKey: sessionKey(S, u) };
}

/**
 * The PASSWORD_CLAIM_SIGNATURE a client that knows the password sends back.
 * @param {{ passwordKey: Buffer, poolName: string, userIdForSrp: string, secretBlock: string, timestamp: string }} input
 */
export function passwordClaimSignature({ passwordKey, poolName, userIdForSrp, secretBlock, timestamp }) {
  const message = Buffer.concat([
    Buffer.from(poolName, 'utf8'),
    Buffer.from(userIdForSrp, 'utf8'),
    Buffer.from(secretBlock, 'base64'),
    Buffer.from(timestamp, 'utf8'),
  ]);
  return createHmac('sha256', passwordKey).update(message).digest('base64');
}

/**
 * Whether the client's signature proves the password, compared in constant time.
 * @param {Parameters<typeof passwordClaimSignature>[0] & { signature: string }} input
 */
export function isPasswordClaimValid({ signature, ...claim }) {
  const expected = Buffer.from(passwordClaimSignature(claim), 'base64');
  const received = Buffer.from(String(signature ?? ''), 'base64');
  return expected.length === received.length && timingSafeEqual(expected, received);
}

/** @param {string} hex @param {string} name */
function parseHexInteger(hex, name) {
  if (typeof hex !== 'string' || !/^[0-9a-fA-F]+$/.test(hex)) throw new RangeError(`${name} must be a hex string`);
  return BigInt(`0x${hex}`);
}
