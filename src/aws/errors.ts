// Turns whatever the SDK threw into one of our typed errors, with the AWS error code kept, so
// resources can ask "was it ResourceNotFoundException?" and the CLI can pick the exit code.
import {
  AuthError,
  AwsAccessDeniedError,
  AwsConfigError,
  AwsError,
  AwsInputError,
  MmbatchAuthError,
  NetworkError,
} from '../errors.js';
import { redactText } from '../redact.js';
import { describePasswordPolicy } from '../resources/safePasswordPolicy.js';

const ACCESS_DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation', 'AuthorizationError']);
const AUTH_FAILURES = new Set([
  'NotAuthorizedException',
  'UserNotFoundException',
  'UserNotConfirmedException',
  'PasswordResetRequiredException',
]);
const SIGN_IN_OPERATIONS = new Set([
  'InitiateAuth',
  'AdminInitiateAuth',
  'RespondToAuthChallenge',
  'AdminRespondToAuthChallenge',
  'RevokeToken',
  'GetTokensFromRefreshToken',
  'GlobalSignOut',
  'GetUser',
]);
// The services' own words for "a value you sent is malformed": Cognito's framework answers
// ValidationException, IAM answers ValidationError; both name the value and the member.
const MALFORMED_INPUT = new Set(['ValidationException', 'ValidationError', 'InvalidInput']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

interface SdkLikeError {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  Code?: string;
}

export function toAwsError(error: unknown, service: string, operation: string): MmbatchAuthError {
  if (error instanceof MmbatchAuthError) return error;
  const e = (error ?? {}) as SdkLikeError;
  const code = e.name && e.name !== 'Error' ? e.name : e.Code ?? e.code ?? 'UnknownError';
  const message = redactText(String(e.message ?? error)).split('\n')[0];
  const call = `${service}:${operation.replace(/Command$/, '')}`;

  if (ACCESS_DENIED.has(code)) {
    const permission = /not authorized to perform:? ([\w-]+:\w+)/i.exec(message)?.[1] ?? call;
    return new AwsAccessDeniedError(`access denied: this AWS identity may not call ${permission}`, {
      hint: `grant ${permission} to the identity running mmbatch-auth (README: "IAM permissions")`,
      code,
      operation,
      cause: error,
    });
  }
  // A sign-in that fails is the user's authentication failing (exit 3); the same codes from an
  // admin call such as AdminGetUser are answers about the pool, kept as AWS errors with their code.
  if (AUTH_FAILURES.has(code) && SIGN_IN_OPERATIONS.has(operation.replace(/Command$/, ''))) {
    return new AuthError(authMessage(code, message), { cause: error, code });
  }
  if (MALFORMED_INPUT.has(code)) {
    return new AwsInputError(`AWS refused a value (${call}): ${message}`, {
      hint: 'check the IDs, names and ARNs given as flags or recorded in the settings file',
      code,
      operation,
      cause: error,
    });
  }
  if (code === 'InvalidPasswordException') {
    return new AwsInputError(`the password does not meet the user pool's password policy: ${message.replace(/^Password does not conform to policy: /i, '')}`, {
      // Setup's policy: what every pool it made or adopted asks at least (it raises a weaker one).
      hint: describePasswordPolicy(),
      code,
      operation,
      cause: error,
    });
  }
  if (code === 'CredentialsProviderError' || /could not load credentials/i.test(message)) {
    return new AwsConfigError('no AWS credentials found', {
      hint: 'set AWS_PROFILE or --profile, or run `aws configure` / `aws sso login`',
      code,
      operation,
      cause: error,
    });
  }
  const errno = (error as NodeJS.ErrnoException)?.code;
  if (errno && NETWORK_CODES.has(errno)) {
    return new NetworkError(`cannot reach AWS (${call}): ${errno}`, {
      hint: 'check the network, --endpoint-url / AWS_ENDPOINT_URL and --region',
      cause: error,
    });
  }
  return new AwsError(`${call} failed: ${code}: ${message}`, { code, operation, cause: error });
}

function authMessage(code: string, message: string): string {
  switch (code) {
    case 'UserNotFoundException':
      return 'authentication failed: incorrect username or password';
    case 'UserNotConfirmedException':
      return 'authentication failed: the user is not confirmed';
    case 'PasswordResetRequiredException':
      return 'authentication failed: a password reset is required for this user';
    default:
      return `authentication failed: ${message.replace(/\.$/, '').toLowerCase()}`;
  }
}

/** True when the error is the AWS error `code` (after mapping). */
export function isAwsCode(error: unknown, ...codes: string[]): boolean {
  const code = (error as { code?: string; name?: string })?.code ?? (error as { name?: string })?.name;
  return code !== undefined && codes.includes(code);
}

/** The services' words for "there is no such thing" (Cognito, Cognito Identity, IAM). */
const NOT_FOUND = ['ResourceNotFoundException', 'NoSuchEntityException', 'NoSuchEntity', 'UserNotFoundException'];

/** The call's answer, or undefined when what it reads or deletes does not exist; any other error is thrown. */
export async function ignoreNotFound<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (isAwsCode(error, ...NOT_FOUND)) return undefined;
    throw error;
  }
}
