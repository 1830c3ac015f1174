// Cache file names from their keys (region, pool, client, user; or a server URL): FNV-1a, 64 bits,
// in hex. Not a cryptographic hash, and it need not be: the name only spreads keys over files,
// and every reader checks that the record inside is for its key. Loading node:crypto for SHA-256
// instead would cost the cached `token` path about 3 ms of its ~30 ms budget (Node's own start-up).
const OFFSET_BASIS = 0xcbf29ce484222325n;
const PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

export function fileNameDigest(text: string): string {
  let hash = OFFSET_BASIS;
  for (const byte of Buffer.from(text, 'utf8')) hash = ((hash ^ BigInt(byte)) * PRIME) & MASK;
  return hash.toString(16).padStart(16, '0');
}
