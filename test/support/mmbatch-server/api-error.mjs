// Errors the stand-in answers with, in the server's one JSON shape: {statusCode, errorCode, message}.

/** errorCode 1003 / "Invalid argument" is documented; the other codes are assumed. */
export const ERROR_CODES = Object.freeze({
  internal: 1000,
  unauthorized: 1001,
  forbidden: 1002,
  invalidArgument: 1003,
  notFound: 1004,
  methodNotAllowed: 1005,
});

export class ApiError extends Error {
  /**
   * @param {number} status HTTP status
   * @param {number} errorCode the server's own code
   * @param {string} message
   */
  constructor(status, errorCode, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.errorCode = errorCode;
  }

  /** @returns {{statusCode: number, errorCode: number, message: string}} */
  toBody() {
    return { statusCode: this.status, errorCode: this.errorCode, message: this.message };
  }
}

/** 422 with the documented body; `detail` says what failed. @param {string} [detail] */
export const invalidArgument = (detail) =>
  new ApiError(422, ERROR_CODES.invalidArgument, detail ? `Invalid argument: ${detail}` : 'Invalid argument');

/** A body the server cannot even parse. @param {string} detail */
export const badRequest = (detail) => new ApiError(400, ERROR_CODES.invalidArgument, `Invalid argument: ${detail}`);

/** @param {string} detail */
export const unauthorized = (detail) => new ApiError(401, ERROR_CODES.unauthorized, `Unauthorized: ${detail}`);

/** @param {string} detail */
export const forbidden = (detail) => new ApiError(403, ERROR_CODES.forbidden, `Forbidden: ${detail}`);

/** @param {string} path */
export const notFound = (path) => new ApiError(404, ERROR_CODES.notFound, `Not found: ${path}`);

/** @param {string} method @param {string} path */
export const methodNotAllowed = (method, path) =>
  new ApiError(405, ERROR_CODES.methodNotAllowed, `Method not allowed: ${method} ${path}`);

export const internalError = () => new ApiError(500, ERROR_CODES.internal, 'internal error');
