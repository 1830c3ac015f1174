// The gateway's record of AWS calls: what each was, whether the CLI made it, and when it started and ended, so tests
// can assert what was called, count the CLI's dependent rounds, and (with MMBATCH_AUTH_TEST_AWS_ACTIONS) collect
// every action the suite's CLI runs used, to check the README's IAM policy against.
import { appendFileSync } from 'node:fs';
import { callKind } from './call-kinds.mjs';

/**
 * @typedef {import('./faults.mjs').Service} Service
 * @typedef {object} RecordedCall
 * @property {Service} service
 * @property {string} operation
 * @property {'read' | 'write' | 'auth'} kind
 * @property {boolean} cli          sent by the CLI (its user agent names mmbatch-auth/), not by a test's own client
 * @property {string | undefined} command  the CLI command that sent it (`users add`), from its user agent
 * @property {number} at            arrival, Date.now() (kept for the benchmarks' wave counting)
 * @property {number} start         arrival, epoch ms with sub-millisecond precision
 * @property {number | undefined} end  when the answer was written; undefined while in flight
 * @property {number | undefined} status  the HTTP status answered
 * @property {string | undefined} error   the AWS error code answered, if any
 * @property {string | undefined} authFlow  InitiateAuth's and AdminInitiateAuth's AuthFlow (which sign-in flow was tried)
 */

/** The CLI names itself in the user agent: its JSON client as `mmbatch-auth/<v>`, its SDK clients via customUserAgent. */
const CLI_USER_AGENT = /(^|[\s/(])mmbatch-auth\//;

/** The CLI names its command after its version: `mmbatch-auth/0.1.0 cmd/users.add` (src/aws/policy.ts). */
const CLI_COMMAND = /(?:^|\s)cmd\/([\w.-]+)/;

/**
 * The command (`users add`) a CLI request says it comes from, else undefined.
 * @param {import('node:http').IncomingHttpHeaders} headers
 */
export function cliCommand(headers) {
  for (const value of [headers['x-amz-user-agent'], headers['user-agent']]) {
    const match = CLI_COMMAND.exec(String(value ?? ''));
    if (match) return match[1].split('.').join(' ');
  }
  return undefined;
}

/** @param {import('node:http').IncomingHttpHeaders} headers */
export function isCliRequest(headers) {
  return [headers['user-agent'], headers['x-amz-user-agent']].some((value) => CLI_USER_AGENT.test(String(value ?? '')));
}

/** Epoch milliseconds, finer than Date.now(): calls a few microseconds apart must not look simultaneous. */
export const preciseNow = () => performance.timeOrigin + performance.now();

/** @param {{ actionsFile?: string }} [options] actionsFile: append `{service, operation, cli, command}` per call, one JSON line */
export function createCallLog({ actionsFile } = {}) {
  /** @type {RecordedCall[]} */
  const calls = [];

  /**
   * @param {{ service: Service, operation: string, cli: boolean, command?: string, authFlow?: string }} call
   * @returns {(outcome: { status: number, error?: string }) => void} call it when the answer goes out
   */
  function record({ service, operation, cli, command, authFlow }) {
    const start = preciseNow();
    /** @type {RecordedCall} */
    const entry = { service, operation, kind: callKind(operation), cli, command, at: Math.floor(start), start, end: undefined, status: undefined, error: undefined, authFlow };
    calls.push(entry);
    if (actionsFile) appendFileSync(actionsFile, `${JSON.stringify({ service, operation, cli, command })}\n`);
    return ({ status, error }) => {
      entry.end = preciseNow();
      entry.status = status;
      entry.error = error;
    };
  }

  return {
    calls,
    record,
    /** @param {{ cliOnly?: boolean }} [options] */
    rounds: (options) => dependentRounds(calls, options),
  };
}

/**
 * The critical path of a run as rounds of calls: a call that starts only after every call of the current round has
 * ended had to wait for them (or could have been made sooner), so it opens the next round; calls that overlap the
 * current round belong to it. Calls need some duration to overlap: give the stack a delay (setDelay) of a few tens
 * of milliseconds when counting, or two calls made at once may not overlap on an idle machine.
 * @param {RecordedCall[]} calls
 * @param {{ cliOnly?: boolean }} [options] cliOnly: only the CLI's own calls (default false: every call)
 * @returns {string[][]} each round's operations, in the order they started
 */
export function dependentRounds(calls, { cliOnly = false } = {}) {
  const chosen = calls.filter((call) => !cliOnly || call.cli).sort((a, b) => a.start - b.start);
  /** @type {string[][]} */
  const rounds = [];
  let roundEnd = -Infinity;
  for (const call of chosen) {
    if (call.start >= roundEnd) {
      rounds.push([]);
      roundEnd = -Infinity;
    }
    rounds[rounds.length - 1].push(call.operation);
    roundEnd = Math.max(roundEnd, call.end ?? Infinity);
  }
  return rounds;
}
