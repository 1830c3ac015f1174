// The client's half of an SRP sign-in (the helper's createSrpSession, without its Intl timestamp and
// without jsbn): a random 1024-bit secret a, the public A = g^a mod N, and the time. It needs only
// node:crypto, so the first call (InitiateAuth, which carries A) leaves before the rest of the SRP
// maths (cognito-srp-helper, jsbn, crypto-js) is loaded: ../flows/srp.ts loads that meanwhile.
// signSrpSession (the helper's) takes it from there; the shape is the helper's SrpSession.
import { createDiffieHellman, getDiffieHellman, randomBytes } from 'node:crypto';
import type { signSrpSession } from 'cognito-srp-helper';
import { cognitoTimestamp } from './timestamp.js';

type SrpSession = Parameters<typeof signSrpSession>[0];

/** Hex without leading zeros, as jsbn's toString(16) writes a number (the helper's format). */
const numberHex = (bytes: Buffer): string => bytes.toString('hex').replace(/^0+/, '');

/**
 * g^a mod N in Cognito's group: RFC 3526's 3072-bit MODP group with generator 2, which Node knows
 * as 'modp15'. Diffie-Hellman's public key is exactly that power of the private key, computed by
 * OpenSSL in a few milliseconds (jsbn takes about 100).
 */
function cognitoPublicKey(secret: Buffer): Buffer {
  const group = createDiffieHellman(getDiffieHellman('modp15').getPrime(), Buffer.from([2]));
  group.setPrivateKey(secret);
  return group.generateKeys();
}

export function createSrpSession(username: string, password: string, userPoolId: string, now: Date = new Date()): SrpSession {
  // 128 bytes, as the helper (and AWS Amplify) draw it.
  const smallA = randomBytes(128);
  const largeA = numberHex(cognitoPublicKey(smallA));
  // A ≡ 0 mod N would let anyone answer for the password (SRP-6a's abort rule), however unlikely.
  if (largeA === '') throw new Error('SRP: A = 0 mod N, refusing to sign in with it');
  return {
    username,
    password,
    isHashed: false,
    poolId: userPoolId,
    poolIdAbbr: userPoolId.split('_')[1],
    timestamp: cognitoTimestamp(now),
    smallA: numberHex(smallA),
    largeA,
  };
}
