// How every call to AWS is made, whichever way it goes (the run's SDK clients, the admin sign-in's
// SDK client, our JSON sign-in client): one retry policy, one set of timeouts, one user agent.
// Free of SDK imports, so the SDK-free sign-in path can use it; sdkConfig.ts applies it to the SDK.
import { UsageError } from '../errors.js';
import { VERSION } from '../version.js';

/**
 * Attempts per call, the first included. Five rather than the SDK's three: Cognito's control-plane
 * quotas are a few requests per second, and a one-off setup (or a script's sign-in) should wait a
 * few seconds rather than fail. AWS_MAX_ATTEMPTS overrides it, as in the AWS CLI.
 */
export const DEFAULT_MAX_ATTEMPTS = 5;
/** The SDK's own retry bases: short for transient failures (5xx, network), longer for throttling. */
const TRANSIENT_DELAY_BASE_MS = 100;
const THROTTLING_DELAY_BASE_MS = 500;
/** Each wait is capped, so an interactive run never sits silent for the SDK's 20-second maximum. */
const MAX_RETRY_DELAY_MS = 5_000;
const CONNECT_TIMEOUT_MS = 5_000;
/** Longest silence on the socket once the request is sent. */
const REQUEST_TIMEOUT_MS = 30_000;
/** Sent with every AWS call (the SDK's customUserAgent; our JSON client's User-Agent). */
export const USER_AGENT_NAME = 'mmbatch-auth';
export const USER_AGENT = `${USER_AGENT_NAME}/${VERSION}`;

/**
 * The command a run is (`users add`), named after the version: `mmbatch-auth/0.1.0 cmd/users.add`.
 * A call log can so tell which command called which action (the IAM policy per command is checked
 * against it). Words are joined by dots: a user agent's tokens hold no spaces.
 */
let runCommand: string | undefined;
export const USER_AGENT_COMMAND = 'cmd';

export function setUserAgentCommand(command: string | undefined): void {
  runCommand = command;
}

export function commandToken(command: string): string {
  return command.trim().split(/\s+/).join('.');
}

/** The user agent of this run's calls. */
export function userAgent(): string {
  return runCommand ? `${USER_AGENT} ${USER_AGENT_COMMAND}/${commandToken(runCommand)}` : USER_AGENT;
}

/** The same as the SDK's customUserAgent pairs. */
export function userAgentPairs(): [string, string][] {
  return runCommand ? [[USER_AGENT_NAME, VERSION], [USER_AGENT_COMMAND, commandToken(runCommand)]] : [[USER_AGENT_NAME, VERSION]];
}

/** Error codes the services use for throttling (the SDK's list, condensed). */
const THROTTLING_CODE = /Throttl|TooManyRequests|LimitExceeded|SlowDown|RequestLimitExceeded/;
/** Failures before any answer that a new attempt may cure (a kept-alive socket the server had closed, ...). */
const RETRIABLE_NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);

function maxAttemptsFrom(env: NodeJS.ProcessEnv): number {
  const given = env.AWS_MAX_ATTEMPTS;
  if (given === undefined || given === '') return DEFAULT_MAX_ATTEMPTS;
  const attempts = Number(given);
  if (!Number.isInteger(attempts) || attempts < 1 || attempts > 20) {
    throw new UsageError(`invalid AWS_MAX_ATTEMPTS '${given}'`, { hint: 'a whole number from 1 to 20' });
  }
  return attempts;
}

/** The wait before retry number `retries` (0 for the first retry): full jitter up to an exponential cap. */
export function backoffDelay(retries: number, base: number): number {
  return Math.floor(Math.random() * Math.min(base * 2 ** retries, MAX_RETRY_DELAY_MS));
}

/**
 * The wait base when an answer (HTTP status and AWS error code) is worth another attempt, as the
 * SDK's standard strategy classifies it; undefined when it is not (a wrong password, a 400...).
 */
export function retryDelayBase(failure: { status?: number; code?: string; errno?: string }): number | undefined {
  if (failure.status !== undefined) {
    if (failure.status === 429 || (failure.code !== undefined && THROTTLING_CODE.test(failure.code))) return THROTTLING_DELAY_BASE_MS;
    if (failure.status >= 500) return TRANSIENT_DELAY_BASE_MS;
    return undefined;
  }
  return failure.errno && RETRIABLE_NETWORK_CODES.has(failure.errno) ? TRANSIENT_DELAY_BASE_MS : undefined;
}

/** What a client needs of the policy for one run. */
export interface CallPolicy {
  maxAttempts: number;
  connectTimeoutMs: number;
  requestTimeoutMs: number;
  userAgent: string;
}

export function callPolicy(env: NodeJS.ProcessEnv): CallPolicy {
  return { maxAttempts: maxAttemptsFrom(env), connectTimeoutMs: CONNECT_TIMEOUT_MS, requestTimeoutMs: REQUEST_TIMEOUT_MS, userAgent: userAgent() };
}
