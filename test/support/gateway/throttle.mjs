// Per-operation request quotas, as Cognito and IAM enforce them: a token bucket per operation that holds one
// second's worth of requests and refills at the quota's rate. A call beyond it fails the way the service says so.
import { faultError } from './faults.mjs';

/**
 * Quotas are keyed by operation (`AdminCreateUser`, any service) or by service and operation
 * (`cognito-idp:AdminCreateUser`); the more specific key wins.
 * @typedef {Record<string, number>} Quotas  requests per second; 0 refuses every call
 */

/** @param {Quotas} [quotas] */
export function createThrottle(quotas = {}) {
  /** @type {Map<string, { rate: number, tokens: number, updatedAt: number }>} */
  const buckets = new Map();

  /** @param {string} key @param {number | null | undefined} rate */
  function setQuota(key, rate) {
    if (rate === undefined || rate === null) {
      buckets.delete(key);
      return;
    }
    if (!(Number(rate) >= 0)) throw new TypeError(`a quota is requests per second, >= 0: ${rate}`);
    const perSecond = Number(rate);
    buckets.set(key, { rate: perSecond, tokens: perSecond > 0 ? Math.max(perSecond, 1) : 0, updatedAt: performance.now() });
  }
  for (const [key, rate] of Object.entries(quotas)) setQuota(key, rate);

  return {
    setQuota,
    /**
     * Takes a token for this call; the service's throttling error when there is none.
     * @param {import('./faults.mjs').Service} service @param {string} operation
     * @returns {import('./wire-errors.mjs').AwsError | undefined}
     */
    take(service, operation) {
      const bucket = buckets.get(`${service}:${operation}`) ?? buckets.get(operation);
      if (!bucket) return undefined;
      const now = performance.now();
      // A bucket holds at most one second of requests (and at least one, so a fractional quota ever lets one in).
      bucket.tokens = Math.min(Math.max(bucket.rate, 1), bucket.tokens + ((now - bucket.updatedAt) / 1000) * bucket.rate);
      bucket.updatedAt = now;
      if (bucket.rate > 0 && bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return undefined;
      }
      return faultError({ operation, error: 'throttle' }, service, operation);
    },
  };
}
