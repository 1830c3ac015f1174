// SRP-6a's abort rule on the client: "The client MUST abort authentication if B % N is zero"
// (RFC 5054 §2.5.4). cognito-srp-helper refuses only a B written as zeros; B = N, 2N, ... would be
// signed, and the answer sent. Checked here, with BigInt and Node's copy of the group, before the
// helper sees the challenge.
import { getDiffieHellman } from 'node:crypto';

let N: bigint | undefined;

/** Whether SRP_B is a hex number that is not 0 mod N (Cognito's RFC 3526 3072-bit group, modp15). */
export function usableServerKey(srpB: unknown): boolean {
  if (typeof srpB !== 'string' || !/^[0-9a-fA-F]+$/.test(srpB)) return false;
  N ??= BigInt(`0x${getDiffieHellman('modp15').getPrime('hex')}`);
  return BigInt(`0x${srpB}`) % N !== 0n;
}
