// Paged listings as Cognito pages them: a page size the model bounds (beyond it InvalidParameterException, in the
// framework's words), and an opaque token naming where the next page starts.
import { AwsError } from './wire-errors.mjs';

/**
 * @template T
 * @param {T[]} items in listing order
 * @param {(item: T) => string} keyOf a stable, unique key per item
 * @param {{ size: unknown, token: unknown, sizeMember: string, tokenMember: string, min: number, max: number, defaultSize?: number }} request
 * @returns {{ page: T[], next: string | undefined }}
 */
export function pageOf(items, keyOf, { size, token, sizeMember, tokenMember, min, max, defaultSize }) {
  if (size === undefined || size === null) {
    if (defaultSize === undefined) throw validationError(`Value null at '${sizeMember}' failed to satisfy constraint: Member must not be null`);
  } else if (!Number.isInteger(size)) {
    throw new AwsError('InvalidParameterException', `${sizeMember} must be an integer`);
  } else if (/** @type {number} */ (size) < min) {
    throw validationError(`Value '${size}' at '${sizeMember}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`);
  } else if (/** @type {number} */ (size) > max) {
    throw validationError(`Value '${size}' at '${sizeMember}' failed to satisfy constraint: Member must have value less than or equal to ${max}`);
  }
  // A size of 0 (ListUsers allows it) means the default.
  const count = /** @type {number} */ (size || defaultSize || max);
  let start = 0;
  if (token !== undefined && token !== null) {
    const key = typeof token === 'string' ? Buffer.from(token, 'base64url').toString('utf8') : '';
    start = items.findIndex((item) => keyOf(item) === key);
    if (start < 0) throw new AwsError('InvalidParameterException', `Invalid ${tokenMember}.`);
  }
  const next = items[start + count];
  return { page: items.slice(start, start + count), next: next === undefined ? undefined : Buffer.from(keyOf(next), 'utf8').toString('base64url') };
}

/** @param {string} failure */
function validationError(failure) {
  return new AwsError('InvalidParameterException', `1 validation error detected: ${failure}`);
}
