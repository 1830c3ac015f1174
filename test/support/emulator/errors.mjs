// Errors the emulated services answer with. Operations throw them; the protocol layer
// (cognito-identity/index.mjs, iam/index.mjs) turns them into the wire format.

/** A modelled service error: the code the SDK maps to a named exception, and its HTTP status. */
export class ServiceError extends Error {
  /**
   * @param {string} code    wire error code (`__type` for awsJson, `<Code>` for awsQuery)
   * @param {string} message human-readable message, as the service would word it
   * @param {number} status  HTTP status
   */
  constructor(code, message, status) {
    super(message);
    this.name = code;
    this.code = code;
    this.status = status;
  }

  /** awsQuery's `<Type>`: Receiver for server faults, Sender for everything else. */
  get faultType() {
    return this.status >= 500 ? 'Receiver' : 'Sender';
  }
}

// Cognito Identity (awsJson1_1). The API reference gives 400 for every client error and 500
// for InternalErrorException. ValidationException and SerializationException are the
// framework's errors for constraint and type violations (not in the SDK's named exceptions).
export const cognitoIdentityError = {
  invalidParameter: (/** @type {string} */ message) => new ServiceError('InvalidParameterException', message, 400),
  resourceNotFound: (/** @type {string} */ message) => new ServiceError('ResourceNotFoundException', message, 400),
  resourceConflict: (/** @type {string} */ message) => new ServiceError('ResourceConflictException', message, 400),
  notAuthorized: (/** @type {string} */ message) => new ServiceError('NotAuthorizedException', message, 400),
  invalidIdentityPoolConfiguration: (/** @type {string} */ message) => new ServiceError('InvalidIdentityPoolConfigurationException', message, 400),
  limitExceeded: (/** @type {string} */ message) => new ServiceError('LimitExceededException', message, 400),
  validation: (/** @type {string} */ message) => new ServiceError('ValidationException', message, 400),
  serialization: (/** @type {string} */ message) => new ServiceError('SerializationException', message, 400),
  unknownOperation: (/** @type {string} */ message) => new ServiceError('UnknownOperationException', message, 400),
  internal: (/** @type {string} */ message) => new ServiceError('InternalErrorException', message, 500),
};

// IAM (awsQuery). Codes and statuses as in the IAM API reference's Errors sections;
// ValidationError is what IAM answers when a parameter breaks its length/pattern/range constraint.
export const iamError = {
  noSuchEntity: (/** @type {string} */ message) => new ServiceError('NoSuchEntity', message, 404),
  entityAlreadyExists: (/** @type {string} */ message) => new ServiceError('EntityAlreadyExists', message, 409),
  deleteConflict: (/** @type {string} */ message) => new ServiceError('DeleteConflict', message, 409),
  limitExceeded: (/** @type {string} */ message) => new ServiceError('LimitExceeded', message, 409),
  malformedPolicyDocument: (/** @type {string} */ message) => new ServiceError('MalformedPolicyDocument', message, 400),
  invalidInput: (/** @type {string} */ message) => new ServiceError('InvalidInput', message, 400),
  validation: (/** @type {string} */ message) => new ServiceError('ValidationError', message, 400),
  invalidAction: (/** @type {string} */ message) => new ServiceError('InvalidAction', message, 400),
  serviceFailure: (/** @type {string} */ message) => new ServiceError('ServiceFailure', message, 500),
};
