// The SRP maths (src/auth/srp/cognitoSrp.ts): every value as cognito-srp-helper (the maintained
// library, kept here as the oracle) computes it, and an exchange an independent server-side
// implementation accepts (a wrong value would only show as "incorrect password" at Cognito).
import { randomBytes } from 'node:crypto';
import { createSrpSession, signSrpSession } from 'cognito-srp-helper';
import { answerPasswordVerifier, modPowN, N, padHex, startSrp, UnusableSrpChallengeError } from '../src/auth/srp/cognitoSrp.js';
import { cognitoTimestamp } from '../src/auth/srp/timestamp.js';
// @ts-expect-error: plain JS test support
import { padHex as serverPadHex, passwordClaimSignature, startSrpExchange } from './support/srp-server.mjs';

const random = (bytes: number) => BigInt(`0x${randomBytes(bytes).toString('hex')}`);

/** Square-and-multiply in BigInt: slow, obviously right. */
function slowModPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let square = ((base % modulus) + modulus) % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * square) % modulus;
    square = (square * square) % modulus;
  }
  return result;
}

describe("modular exponentiation in Cognito's group, by OpenSSL", () => {
  test.each([
    ['g^a (the client public key)', () => 2n, () => random(128)],
    ['a random base and a long exponent', () => random(384), () => random(160)],
    ['a negative base (B - k·g^x can be negative)', () => -random(300), () => random(130)],
    ['a base larger than N', () => N + random(100), () => random(32)],
  ])('%s: the same as square-and-multiply', (_label, base, exponent) => {
    for (let i = 0; i < 3; i++) {
      const b = base();
      const e = exponent();
      expect(modPowN(b, e)).toBe(slowModPow(b, e, N));
    }
  });

  test('trivial bases and exponents: 0, 1, N-1 and N itself', () => {
    for (const b of [0n, 1n, N - 1n, N, 2n * N + 1n]) for (const e of [0n, 1n, 2n, 3n, random(16)]) expect(modPowN(b, e)).toBe(slowModPow(b, e, N));
  });

  test("numbers are written as Cognito's SDKs write them (even length, 00 before a set top bit)", () => {
    for (const value of [0n, 1n, 0x7fn, 0x80n, 0xabcn, N, random(64), random(65)]) expect(padHex(value)).toBe(serverPadHex(value));
  });
});

describe('a PASSWORD_VERIFIER answer', () => {
  const password = 'Correct-Horse-9!';
  const userIdForSrp = 'a1b2c3d4-0000-4000-8000-123456789abc';
  const poolId = 'us-east-1_TestPool1';
  const now = new Date('2026-03-04T05:06:07Z');

  test('an independent server accepts it', () => {
    const start = startSrp();
    expect(BigInt(`0x${start.srpA}`)).toBe(slowModPow(2n, start.a, N));
    const server = startSrpExchange({ poolName: 'TestPool1', userIdForSrp, password, srpA: start.srpA });
    const secretBlock = randomBytes(64).toString('base64');
    const claim = answerPasswordVerifier(start, { SALT: server.salt, SECRET_BLOCK: secretBlock, SRP_B: server.srpB, USER_ID_FOR_SRP: userIdForSrp }, poolId, password, now);
    expect(claim).toMatchObject({ TIMESTAMP: 'Wed Mar 4 05:06:07 UTC 2026', PASSWORD_CLAIM_SECRET_BLOCK: secretBlock, SRP_A: start.srpA });
    expect(claim.PASSWORD_CLAIM_SIGNATURE).toBe(passwordClaimSignature({ passwordKey: server.passwordKey, poolName: 'TestPool1', userIdForSrp, secretBlock, timestamp: claim.TIMESTAMP }));
  });

  test("every time the same as cognito-srp-helper's, for the same secret a, salt, B and time", () => {
    for (let i = 0; i < 5; i++) {
      const start = startSrp();
      const server = startSrpExchange({ poolName: 'TestPool1', userIdForSrp, password, srpA: start.srpA });
      const challenge = { SALT: server.salt, SECRET_BLOCK: randomBytes(48).toString('base64'), SRP_B: server.srpB, USER_ID_FOR_SRP: userIdForSrp };
      const ours = answerPasswordVerifier(start, challenge, poolId, password, now);
      const session = { ...createSrpSession('user@example.com', password, poolId, false), smallA: start.a.toString(16), largeA: start.srpA, timestamp: cognitoTimestamp(now) };
      const theirs = signSrpSession(session, { ChallengeName: 'PASSWORD_VERIFIER', ChallengeParameters: challenge });
      expect(ours.PASSWORD_CLAIM_SIGNATURE).toBe(theirs.passwordSignature);
    }
  });

  test.each([
    ['no salt', { SALT: undefined }],
    ['no secret block', { SECRET_BLOCK: undefined }],
    ['no B', { SRP_B: undefined }],
    ['no USER_ID_FOR_SRP', { USER_ID_FOR_SRP: undefined }],
    ['B = 0', { SRP_B: '0' }],
    ['B = N (0 mod N)', { SRP_B: N.toString(16) }],
    ['B not hexadecimal', { SRP_B: 'xyz' }],
  ])('is refused for an unusable challenge: %s', (_label, change) => {
    const challenge = { SALT: 'abcdef', SECRET_BLOCK: 'AAAA', SRP_B: random(384).toString(16), USER_ID_FOR_SRP: userIdForSrp, ...change };
    expect(() => answerPasswordVerifier(startSrp(), challenge, poolId, password, now)).toThrow(UnusableSrpChallengeError);
  });
});

describe('the SRP timestamp, without Intl', () => {
  test.each([
    ['2026-12-02T09:05:07Z', 'Wed Dec 2 09:05:07 UTC 2026'], // single-digit day: not padded
    ['2024-02-29T23:59:59Z', 'Thu Feb 29 23:59:59 UTC 2024'],
    ['2025-01-01T00:00:00Z', 'Wed Jan 1 00:00:00 UTC 2025'],
    ['2023-07-16T12:30:00Z', 'Sun Jul 16 12:30:00 UTC 2023'],
    ['2030-10-19T18:00:09Z', 'Sat Oct 19 18:00:09 UTC 2030'],
  ])('%s is %s', (iso, expected) => {
    expect(cognitoTimestamp(new Date(iso))).toBe(expected);
  });

  test("matches the helper's Intl formatting (Cognito's format) for a year of random instants", () => {
    const intl = (d: Date) => {
      const o = { timeZone: 'UTC' } as const;
      const time = d.toLocaleString('en-US', { ...o, hour: '2-digit', hourCycle: 'h23', minute: '2-digit', second: '2-digit' });
      return `${d.toLocaleString('en-US', { ...o, weekday: 'short' })} ${d.toLocaleString('en-US', { ...o, month: 'short' })} ${d.toLocaleString('en-US', { ...o, day: 'numeric' })} ${time} UTC ${d.getUTCFullYear()}`;
    };
    for (let i = 0; i < 500; i++) {
      const d = new Date(Date.UTC(2026, 0, 1) + Math.floor(Math.random() * 366 * 86400_000));
      expect(cognitoTimestamp(d)).toBe(intl(d));
    }
  });
});
