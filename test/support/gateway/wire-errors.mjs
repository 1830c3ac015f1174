// AWS errors as they travel on the wire, so the real SDK clients map them to their named exception classes.
import { randomUUID } from 'node:crypto';

/** An error to answer with: `code` is the wire code (awsJson `__type`, awsQuery `<Code>`). */
export class AwsError extends Error {
  /** @param {string} code @param {string} message @param {number} [status] */
  constructor(code, message, status = 400) {
    super(message);
    this.name = 'AwsError';
    this.code = code;
    this.status = status;
  }
}

/**
 * @typedef {{ status: number, headers: Record<string, string>, body: string }} WireResponse
 * @typedef {'awsJson1_1' | 'awsQuery'} Protocol
 */

/** @param {Protocol} protocol @param {AwsError} error @returns {WireResponse} */
export function errorResponse(protocol, error) {
  return protocol === 'awsQuery' ? awsQueryError(error) : awsJsonError(error);
}

/** @param {AwsError} error @returns {WireResponse} */
function awsJsonError(error) {
  return {
    status: error.status,
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amzn-errortype': error.code,
      'x-amzn-requestid': randomUUID(),
    },
    body: JSON.stringify({ __type: error.code, message: error.message }),
  };
}

/** @param {AwsError} error @returns {WireResponse} */
function awsQueryError(error) {
  const requestId = randomUUID();
  // IAM says whose fault it was: Sender for 4xx, Receiver for 5xx.
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  const body =
    '<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">' +
    `<Error><Type>${type}</Type><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`;
  return { status: error.status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
}

/** @param {string} text */
function escapeXml(text) {
  return String(text).replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Anything thrown by a handler, as an AwsError; a bug in the stack shows up as an internal error with its message. @param {unknown} error */
export function asAwsError(error) {
  if (error instanceof AwsError) return error;
  const message = error instanceof Error ? `${error.message}` : String(error);
  return new AwsError('InternalErrorException', `local stack failure: ${message}`, 500);
}
