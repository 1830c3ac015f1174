// Injected failures: the next N calls of an operation fail with the error the real service would send.
import { AwsError } from './wire-errors.mjs';

export const ACCOUNT_ID = '000000000000';

/**
 * @typedef {'cognito-idp' | 'cognito-identity' | 'iam' | 'sts'} Service
 * @typedef {'throttle' | 'internal' | 'accessDenied' | { code: string, status?: number, message?: string }} FaultKind
 * @typedef {{ service?: Service, operation: string, error: FaultKind, times?: number, message?: string, afterApplying?: boolean }} FaultSpec
 *   afterApplying: the call is carried out first, then answered with the error (a 500 or a lost
 *   answer after the write: the caller cannot tell whether it happened, and its SDK sends it again)
 */

/**
 * How each service spells the common failures (IAM differs from the Cognito JSON services): [code, status, message].
 * @type {Record<string, Record<'json' | 'iam', [string, number, string | null]>>}
 */
const WIRE_CODES = {
  throttle: { json: ['TooManyRequestsException', 400, 'Rate exceeded'], iam: ['Throttling', 400, 'Rate exceeded'] },
  internal: {
    json: ['InternalErrorException', 500, 'Internal server error'],
    iam: ['ServiceFailure', 500, 'The request processing has failed because of an unknown error, exception or failure.'],
  },
  accessDenied: { json: ['AccessDeniedException', 400, null], iam: ['AccessDenied', 403, null] },
};

/** The AWS error a fault produces for one call. @param {FaultSpec} fault @param {Service} service @param {string} operation */
export function faultError(fault, service, operation) {
  const { error, message } = fault;
  if (typeof error === 'object' && error !== null) {
    return new AwsError(error.code, message ?? error.message ?? `${error.code} (injected)`, error.status ?? 400);
  }
  const wire = WIRE_CODES[String(error)];
  if (!wire) throw new TypeError(`unknown fault kind ${JSON.stringify(error)}`);
  const [code, status, defaultMessage] = service === 'iam' || service === 'sts' ? wire.iam : wire.json;
  const deniedMessage = `User: arn:aws:iam::${ACCOUNT_ID}:user/ci is not authorized to perform: ${service}:${operation} on resource: *`;
  return new AwsError(code, message ?? defaultMessage ?? deniedMessage, status);
}

export function createFaults() {
  /** @type {Array<FaultSpec & { remaining: number }>} */
  let pending = [];
  return {
    /** @param {FaultSpec} fault */
    inject(fault) {
      if (!fault?.operation) throw new TypeError('injectFault needs an operation');
      faultError(fault, fault.service ?? 'cognito-idp', fault.operation); // reject an unknown kind now, not mid-test
      pending.push({ ...fault, remaining: fault.times ?? 1 });
    },
    clear() {
      pending = [];
    },
    /** The error for this call if a fault is armed for it (and uses one of its turns). @param {Service} service @param {string} operation */
    take(service, operation) {
      const fault = pending.find((f) => f.operation === operation && (f.service ?? service) === service && f.remaining > 0);
      if (!fault) return undefined;
      fault.remaining -= 1;
      return Object.assign(faultError(fault, service, operation), { afterApplying: Boolean(fault.afterApplying) });
    },
  };
}
