// Identifiers in the shapes the real services hand out.
import { randomBytes, randomUUID } from 'node:crypto';

const UPPER_ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** @param {string} region */
export function newIdentityPoolId(region) {
  return `${region}:${randomUUID()}`;
}

/** IAM role IDs: `AROA` and 17 upper-case alphanumerics. */
export function newRoleId() {
  const bytes = randomBytes(17);
  let suffix = '';
  for (const byte of bytes) suffix += UPPER_ALPHANUMERIC[byte % UPPER_ALPHANUMERIC.length];
  return `AROA${suffix}`;
}

export function newRequestId() {
  return randomUUID();
}
