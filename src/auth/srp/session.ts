// The client's half of an SRP sign-in (the helper's createSrpSession, without its Intl timestamp):
// a random 1024-bit secret a, the public A = g^a mod N (by OpenSSL, ./modPow.ts), and the time.
// signSrpSession (the helper's) takes it from there; the shape is the helper's SrpSession.
import { randomBytes } from 'node:crypto';
import { BigInteger } from 'jsbn';
import type { signSrpSession } from 'cognito-srp-helper';
import { cognitoGroupPower } from './modPow.js';
import { cognitoTimestamp } from './timestamp.js';

type SrpSession = Parameters<typeof signSrpSession>[0];

export function createSrpSession(username: string, password: string, userPoolId: string, now: Date = new Date()): SrpSession {
  const smallA = new BigInteger(randomBytes(128).toString('hex'), 16);
  const largeA = cognitoGroupPower(smallA);
  // A ≡ 0 mod N would let anyone answer for the password (SRP-6a's abort rule), however unlikely.
  if (largeA.signum() === 0) throw new Error('SRP: A = 0 mod N, refusing to sign in with it');
  return {
    username,
    password,
    isHashed: false,
    poolId: userPoolId,
    poolIdAbbr: userPoolId.split('_')[1],
    timestamp: cognitoTimestamp(now),
    smallA: smallA.toString(16),
    largeA: largeA.toString(16),
  };
}
