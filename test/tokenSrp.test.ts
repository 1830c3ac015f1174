// The SRP maths: cognito-srp-helper's modular exponentiations routed to OpenSSL must give exactly
// jsbn's answers (a wrong one would only show as "incorrect password" at Cognito).
import { randomBytes } from 'node:crypto';
import { BigInteger } from 'jsbn';
import { createSrpSession, signSrpSession } from 'cognito-srp-helper';
import { opensslModPow, withOpensslModPow } from '../src/auth/srp/modPow.js';
import { createSrpSession as ourSrpSession } from '../src/auth/srp/session.js';
import { usableServerKey } from '../src/auth/srp/serverKey.js';
import { cognitoTimestamp } from '../src/auth/srp/timestamp.js';
// @ts-expect-error: plain JS test support
import { N as cognitoN, passwordClaimSignature, startSrpExchange } from './support/srp-server.mjs';

const N = new BigInteger((cognitoN as bigint).toString(16), 16);
const random = (bytes: number) => new BigInteger(randomBytes(bytes).toString('hex'), 16);

describe('OpenSSL modPow for Cognito\'s group', () => {
  const jsbnModPow = BigInteger.prototype.modPow;

  test.each([
    ['g^a (the client public key)', () => new BigInteger('2'), () => random(128)],
    ['a random base and a long exponent', () => random(384), () => random(160)],
    ['a negative base (B - k·g^x can be negative)', () => random(300).negate(), () => random(130)],
    ['a base larger than N', () => N.add(random(100)), () => random(32)],
  ])('%s: the same as jsbn', (_label, base, exponent) => {
    for (let i = 0; i < 3; i++) {
      const b = base();
      const e = exponent();
      const expected = jsbnModPow.call(b, e, N);
      expect(opensslModPow(b, e)!.toString(16)).toBe(expected.toString(16));
      expect(withOpensslModPow(() => b.modPow(e, N)).toString(16)).toBe(expected.toString(16));
    }
  });

  test('trivial bases and other moduli are left to jsbn', () => {
    expect(opensslModPow(BigInteger.ONE, random(16))).toBeUndefined();
    expect(opensslModPow(N.subtract(BigInteger.ONE), random(16))).toBeUndefined();
    const m = new BigInteger('1000003');
    expect(withOpensslModPow(() => new BigInteger('12345').modPow(new BigInteger('65537'), m)).toString()).toBe(jsbnModPow.call(new BigInteger('12345'), new BigInteger('65537'), m).toString());
  });

  test('jsbn is routed only while the SRP maths runs, and restored after, even when it throws', () => {
    expect(BigInteger.prototype.modPow).toBe(jsbnModPow);
    withOpensslModPow(() => expect(BigInteger.prototype.modPow).not.toBe(jsbnModPow));
    expect(BigInteger.prototype.modPow).toBe(jsbnModPow);
    expect(() =>
      withOpensslModPow(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(BigInteger.prototype.modPow).toBe(jsbnModPow);
  });

  test('a whole SRP exchange with the helper agrees with an independent server-side implementation', () => {
    const password = 'Correct-Horse-9!';
    const userIdForSrp = 'a1b2c3d4-0000-4000-8000-123456789abc';
    const session = withOpensslModPow(() => createSrpSession('user@example.com', password, 'us-east-1_TestPool1', false));
    const server = startSrpExchange({ poolName: 'TestPool1', userIdForSrp, password, srpA: session.largeA });
    const secretBlock = randomBytes(64).toString('base64');
    const signed = withOpensslModPow(() =>
      signSrpSession(session, {
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeParameters: { SALT: server.salt, SECRET_BLOCK: secretBlock, SRP_B: server.srpB, USER_ID_FOR_SRP: userIdForSrp },
      }),
    );
    const expected = passwordClaimSignature({ passwordKey: server.passwordKey, poolName: 'TestPool1', userIdForSrp, secretBlock, timestamp: signed.timestamp });
    expect(signed.passwordSignature).toBe(expected);
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

  test('our client half (A by node:crypto alone, our timestamp) signs an exchange the independent server accepts', () => {
    const password = 'Correct-Horse-9!';
    const userIdForSrp = 'a1b2c3d4-0000-4000-8000-123456789abc';
    const now = new Date('2026-03-04T05:06:07Z');
    const session = ourSrpSession('user@example.com', password, 'us-east-1_TestPool1', now);
    expect(session.timestamp).toBe('Wed Mar 4 05:06:07 UTC 2026');
    expect(session.largeA).toBe(BigInteger.prototype.modPow.call(new BigInteger('2'), new BigInteger(session.smallA, 16), N).toString(16));
    const server = startSrpExchange({ poolName: 'TestPool1', userIdForSrp, password, srpA: session.largeA });
    const secretBlock = randomBytes(64).toString('base64');
    const signed = withOpensslModPow(() =>
      signSrpSession(session, {
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeParameters: { SALT: server.salt, SECRET_BLOCK: secretBlock, SRP_B: server.srpB, USER_ID_FOR_SRP: userIdForSrp },
      }),
    );
    expect(signed.passwordSignature).toBe(passwordClaimSignature({ passwordKey: server.passwordKey, poolName: 'TestPool1', userIdForSrp, secretBlock, timestamp: session.timestamp }));
  });
});

describe("the server's public key B, before anything is signed with it (RFC 5054 §2.5.4)", () => {
  test('a real B is usable', () => {
    const server = startSrpExchange({ poolName: 'TestPool1', userIdForSrp: 'u', password: 'Correct-Horse-9!', srpA: ourSrpSession('u@example.com', 'x', 'us-east-1_TestPool1').largeA });
    expect(usableServerKey(server.srpB)).toBe(true);
  });

  test.each([
    ['0', '0'],
    ['N', N.toString(16)],
    ['3N, upper-case, leading zeros', `00${N.multiply(new BigInteger('3')).toString(16).toUpperCase()}`],
    ['empty', ''],
    ['not hex', '12g4'],
    ['a negative number', '-1'],
    ['not a string', 42],
    ['missing', undefined],
  ])('%s is refused', (_label, srpB) => {
    expect(usableServerKey(srpB)).toBe(false);
  });
});
