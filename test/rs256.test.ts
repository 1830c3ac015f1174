// The cached-token path's own RS256 check (src/auth/store/rs256.ts) against node:crypto's.
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { sha256, verifyRs256 } from '../src/auth/store/rs256.js';

test('SHA-256 agrees with node:crypto on every length around the block boundaries, and on long inputs', () => {
  for (const length of [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 4096, 100_003]) {
    const data = randomBytes(length);
    expect(Buffer.from(sha256(data)).toString('hex')).toBe(createHash('sha256').update(data).digest('hex'));
  }
  expect(Buffer.from(sha256(Buffer.from('abc'))).toString('hex')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

describe('RS256', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const { n, e } = publicKey.export({ format: 'jwk' }) as { n: string; e: string };

  test('accepts what node:crypto signs, for many messages', () => {
    for (let i = 0; i < 20; i++) {
      const data = randomBytes(1 + i * 37);
      expect(verifyRs256(data, sign('RSA-SHA256', data, privateKey), n, e)).toBe(true);
    }
  });

  test('refuses another message, a changed signature, another key, another hash, a short key', () => {
    const data = Buffer.from('header.payload');
    const signature = sign('RSA-SHA256', data, privateKey);
    expect(verifyRs256(Buffer.from('header.payloaD'), signature, n, e)).toBe(false);
    for (const index of [0, 100, signature.length - 1]) {
      const changed = Buffer.from(signature);
      changed[index] ^= 1;
      expect(verifyRs256(data, changed, n, e)).toBe(false);
    }
    expect(verifyRs256(data, signature.subarray(1), n, e)).toBe(false);
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' }) as { n: string; e: string };
    expect(verifyRs256(data, signature, other.n, other.e)).toBe(false);
    expect(verifyRs256(data, sign('RSA-SHA384', data, privateKey), n, e)).toBe(false);
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const smallJwk = small.publicKey.export({ format: 'jwk' }) as { n: string; e: string };
    expect(verifyRs256(data, sign('RSA-SHA256', data, small.privateKey), smallJwk.n, smallJwk.e)).toBe(false);
  });
});
