// src/auth/srp/: the SRP maths' fast path: modPow through OpenSSL (this file), the crypto-js parts the helper needs.
// The SRP maths' one slow step, done by OpenSSL. cognito-srp-helper (the SRP protocol: hashes,
// padding, HKDF, the claim signature) does its modular exponentiations with jsbn in plain
// JavaScript, about 100 ms each for Cognito's 3072-bit group: three of them would make a fresh SRP
// sign-in cost 2.5 times a one-call admin sign-in. node:crypto's Diffie-Hellman computes
// `base ^ exponent mod p` (computeSecret with the exponent as private key) in a millisecond.
//
// The helper offers no way to pass modPow in, so withOpensslModPow routes jsbn's modPow, for
// Cognito's modulus only, to OpenSSL while the given computation runs (it is synchronous), and puts
// jsbn's own back afterwards: nothing is patched on import, and nothing outside the SRP flow ever
// sees the routed method. Any other modulus, and any input OpenSSL refuses, keeps jsbn's own code.
// test/tokenSrp.test.ts checks both agree.
import { createDiffieHellman, type DiffieHellman } from 'node:crypto';
import { BigInteger } from 'jsbn';

/** RFC 3526 group 15 (3072-bit MODP), the group Cognito's USER_SRP_AUTH uses, generator 2. */
const COGNITO_N_HEX =
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF';

let N: BigInteger | undefined;
let group: DiffieHellman | undefined;

function cognitoN(): BigInteger {
  return (N ??= new BigInteger(COGNITO_N_HEX, 16));
}

function bytesOf(value: BigInteger): Buffer {
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
}

/** base ^ exponent mod N by OpenSSL; undefined where it does not apply (jsbn then answers). */
export function opensslModPow(base: BigInteger, exponent: BigInteger): BigInteger | undefined {
  if (exponent.signum() <= 0) return undefined;
  const n = cognitoN();
  const reduced = base.mod(n); // non-negative, as jsbn's modPow reduces a negative base
  // DH refuses "public keys" 0, 1 and N-1 (their powers are trivial anyway): leave those to jsbn.
  if (reduced.compareTo(BigInteger.ONE) <= 0 || reduced.compareTo(n.subtract(BigInteger.ONE)) >= 0) return undefined;
  group ??= createDiffieHellman(bytesOf(n), Buffer.from([2]));
  group.setPrivateKey(bytesOf(exponent));
  return new BigInteger(group.computeSecret(bytesOf(reduced)).toString('hex'), 16);
}

/** Runs `compute` (synchronous SRP maths) with jsbn's modPow routed to OpenSSL for Cognito's modulus. */
export function withOpensslModPow<T>(compute: () => T): T {
  const jsbnModPow = BigInteger.prototype.modPow;
  const n = cognitoN();
  BigInteger.prototype.modPow = function modPow(this: BigInteger, exponent: BigInteger, modulus: BigInteger): BigInteger {
    if (modulus.equals(n)) {
      try {
        const result = opensslModPow(this, exponent);
        if (result) return result;
      } catch {
        // an OpenSSL refusal we did not foresee: the slow path is still right
      }
    }
    return jsbnModPow.call(this, exponent, modulus);
  };
  try {
    return compute();
  } finally {
    BigInteger.prototype.modPow = jsbnModPow;
  }
}
