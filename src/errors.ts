// Every failure the user can meet is one of these, so one place (reportError) turns it into the
// contract's one-line message and exit code, and callers never match on message strings.

export const ExitCode = {
  ok: 0,
  aws: 1,
  usage: 2,
  auth: 3,
  server: 4,
  /** `status`: something is missing, drifted from the safe settings, or a security check fails. */
  drift: 5,
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface ErrorOptions {
  /** A second line telling the user what to do. */
  hint?: string;
  cause?: unknown;
  /** The AWS error code behind it (NotAuthorizedException, ...), so callers need not match messages. */
  code?: string;
  /** The AWS operation that failed. */
  operation?: string;
}

export abstract class MmbatchAuthError extends Error {
  abstract readonly exitCode: ExitCode;
  readonly hint?: string;
  readonly code?: string;
  readonly operation?: string;
  constructor(message: string, options: ErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
    this.code = options.code;
    this.operation = options.operation;
  }
}

/** Bad usage or bad input: a missing value, a malformed e-mail, region, ID or URL. */
export class UsageError extends MmbatchAuthError {
  readonly exitCode = ExitCode.usage;
}

/** A required value is missing and we may not prompt for it (--yes, CI, or no TTY). */
export class MissingValueError extends UsageError {
  constructor(what: string, flag: string, env?: string, hint?: string) {
    super(`${what} is required: pass ${flag}${env ? ` or set ${env}` : ''}`, { hint });
  }
}

/** An AWS call failed (anything but authentication). */
export class AwsError extends MmbatchAuthError {
  readonly exitCode: ExitCode = ExitCode.aws;
}

/** The caller's AWS identity lacks a permission; the message names it (e.g. iam:CreateRole). */
export class AwsAccessDeniedError extends AwsError {}

/** No AWS credentials or region could be found. */
export class AwsConfigError extends AwsError {}

/**
 * No AWS region anywhere: a missing value (exit 2), not a failed call. Still an AwsConfigError, so
 * a command that can go on without the operator's AWS (mfa as the user) still does.
 */
export class MissingRegionError extends AwsConfigError {
  override readonly exitCode = ExitCode.usage;
}

/** --profile or AWS_PROFILE names a profile in neither shared AWS file (the AWS CLI refuses it too). */
export class UnknownProfileError extends UsageError {}

/** The network failed before any service answered (DNS, refused or reset connection, timeout, TLS handshake). */
export class NetworkError extends MmbatchAuthError {
  readonly exitCode = ExitCode.aws;
}

/**
 * AWS refused a value we sent as malformed (ValidationException, ValidationError) or against the
 * pool's rules (InvalidPasswordException): bad input (exit 2), which our own checks missed.
 */
export class AwsInputError extends UsageError {}

/** `status` found resources missing or drifted; the report is already on stdout. */
export class DriftError extends MmbatchAuthError {
  readonly exitCode = ExitCode.drift;
}

/**
 * The plan cannot be carried out as asked: a live resource is in a state we must not or cannot
 * repair (a client with a secret), or belongs to someone else (another setup name, a person).
 * Nothing was changed; the hint says which input to change.
 */
export class BlockedError extends UsageError {}

/** Another run holds this setup's lock (or the settings file's): nothing was changed. */
export class SetupBusyError extends MmbatchAuthError {
  readonly exitCode = ExitCode.aws;
}

/** Authentication failed: wrong password, unknown or disabled user, expired refresh token. */
export class AuthError extends MmbatchAuthError {
  readonly exitCode = ExitCode.auth;
}

/** A sign-in challenge needs an answer we cannot get without a prompt (e.g. a new password). */
export class ChallengeError extends AuthError {}

/** The MMBatch server refused or failed; carries its status and message. */
export class ServerError extends MmbatchAuthError {
  readonly exitCode = ExitCode.server;
  constructor(
    message: string,
    readonly status?: number,
    options: ErrorOptions = {},
  ) {
    super(message, options);
  }
}

/** The user pressed Ctrl-C or closed a prompt. */
export class InterruptedError extends MmbatchAuthError {
  readonly exitCode = ExitCode.interrupted;
  constructor(message = 'interrupted') {
    super(message);
  }
}

export function isMmbatchAuthError(error: unknown): error is MmbatchAuthError {
  return error instanceof MmbatchAuthError;
}
