// The client's side of Cognito's USER_SRP_AUTH (SRP-6a over RFC 3526's 3072-bit group, SHA-256, and
// Cognito's HKDF and claim signature), with BigInt for the arithmetic and node:crypto for the rest:
// the hashes and HMACs in OpenSSL, and the modular exponentiations too (Diffie-Hellman's
// computeSecret is exactly `base ^ exponent mod p`, constant-time, in about 3 ms here).
//
// Why not cognito-srp-helper (which the tests keep as the oracle): with jsbn and crypto-js it costs a
// fresh `token` about 15 ms of module set-up and pure-JavaScript hashing, a tenth of our whole
// budget over Node's own start-up, for maths that take under 10 lines of BigInt here.
// test/tokenSrp.test.ts checks every value against the helper and an independent server.
import { createDiffieHellman, createHash, createHmac, randomBytes, type DiffieHellman } from 'node:crypto';
import { cognitoTimestamp } from './timestamp.js';

/** RFC 3526 group 15 (3072-bit MODP), Cognito's SRP group, generator 2. */
const N_HEX =
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF';
export const N = BigInt(`0x${N_HEX}`);
const g = 2n;

/** Cognito's hex of a number: even length, and a 00 byte first when the top bit is set (a positive two's-complement integer). */
export function padHex(value: bigint): string {
  const hex = value.toString(16);
  const even = hex.length % 2 ? `0${hex}` : hex;
  return /^[89a-f]/.test(even) ? `00${even}` : even;
}

const sha256Hex = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
/** H(hex): SHA-256 of the bytes a hex string spells, as a number. */
const hashOfHex = (hex: string) => BigInt(`0x${sha256Hex(Buffer.from(hex, 'hex'))}`);
const mod = (value: bigint) => ((value % N) + N) % N;

let group: DiffieHellman | undefined;

/** base ^ exponent mod N by OpenSSL (base reduced first; DH refuses 0, 1 and N-1 as "public keys", whose powers are trivial). */
export function modPowN(base: bigint, exponent: bigint): bigint {
  const b = mod(base);
  if (exponent === 0n) return 1n;
  if (b <= 1n) return b;
  if (b === N - 1n) return exponent % 2n ? b : 1n;
  group ??= createDiffieHellman(Buffer.from(N_HEX, 'hex'), Buffer.from([2]));
  group.setPrivateKey(Buffer.from(padHex(exponent), 'hex'));
  return BigInt(`0x${group.computeSecret(Buffer.from(padHex(b), 'hex')).toString('hex') || '0'}`);
}

/** The client's first half: a random 1024-bit secret a and the public A = g^a mod N (SRP_A, unpadded hex as Cognito's SDKs send it). */
export interface SrpStart {
  a: bigint;
  srpA: string;
}

export function startSrp(): SrpStart {
  for (;;) {
    const a = BigInt(`0x${randomBytes(128).toString('hex')}`);
    const A = modPowN(g, a);
    // A ≡ 0 mod N would let anyone answer for the password (SRP-6a's abort rule), however unlikely.
    if (A !== 0n) return { a, srpA: A.toString(16) };
  }
}

export interface PasswordVerifierChallenge {
  SALT?: string;
  SECRET_BLOCK?: string;
  SRP_B?: string;
  USER_ID_FOR_SRP?: string;
}

/** A malformed or degenerate PASSWORD_VERIFIER challenge: it must end the sign-in, never be signed. */
export class UnusableSrpChallengeError extends Error {}

/**
 * The PASSWORD_VERIFIER answer: the password claim signed with the key both sides derive (the
 * password never leaves the machine). `userPoolId`'s part after `_` is the pool name Cognito hashes.
 */
export function answerPasswordVerifier(
  start: SrpStart,
  challenge: PasswordVerifierChallenge,
  userPoolId: string,
  password: string,
  now: Date = new Date(),
): { PASSWORD_CLAIM_SECRET_BLOCK: string; PASSWORD_CLAIM_SIGNATURE: string; TIMESTAMP: string; SRP_A: string } {
  const { SALT, SECRET_BLOCK, SRP_B, USER_ID_FOR_SRP } = challenge;
  if (!SALT || !SECRET_BLOCK || !SRP_B || !USER_ID_FOR_SRP) throw new UnusableSrpChallengeError('the challenge lacks SALT, SECRET_BLOCK, SRP_B or USER_ID_FOR_SRP');
  if (!/^[0-9a-f]+$/i.test(SALT) || !/^[0-9a-f]+$/i.test(SRP_B)) throw new UnusableSrpChallengeError('SALT or SRP_B is not hexadecimal');
  const B = BigInt(`0x${SRP_B}`);
  if (B % N === 0n) throw new UnusableSrpChallengeError('B = 0 mod N');
  const A = BigInt(`0x${start.srpA}`);
  const u = hashOfHex(padHex(A) + padHex(B));
  if (u === 0n) throw new UnusableSrpChallengeError('u = 0');
  const poolName = userPoolId.split('_')[1] ?? '';
  const x = hashOfHex(padHex(BigInt(`0x${SALT}`)) + sha256Hex(`${poolName}${USER_ID_FOR_SRP}:${password}`));
  const k = hashOfHex(padHex(N) + padHex(g));
  const S = modPowN(B - k * modPowN(g, x), start.a + u * x);
  // HKDF-SHA256 (RFC 5869) with salt u, one block of info "Caldera Derived Key": 16 bytes.
  const prk = createHmac('sha256', Buffer.from(padHex(u), 'hex')).update(Buffer.from(padHex(S), 'hex')).digest();
  const key = createHmac('sha256', prk).update('Caldera Derived Key\u0001').digest().subarray(0, 16);
  const TIMESTAMP = cognitoTimestamp(now);
  const signature = createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(poolName, 'utf8'), Buffer.from(USER_ID_FOR_SRP, 'utf8'), Buffer.from(SECRET_BLOCK, 'base64'), Buffer.from(TIMESTAMP, 'utf8')]))
    .digest('base64');
  return { PASSWORD_CLAIM_SECRET_BLOCK: SECRET_BLOCK, PASSWORD_CLAIM_SIGNATURE: signature, TIMESTAMP, SRP_A: start.srpA };
}
