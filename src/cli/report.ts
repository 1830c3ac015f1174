// The one place errors become output: `mmbatch-auth: <what went wrong>`, a hint line where it
// helps, the contract's exit code, and a stack trace only under --verbose.
import { ExitCode, isMmbatchAuthError } from '../errors.js';
import type { IO } from './io/streams.js';
import { redactText } from '../redact.js';

export function reportError(error: unknown, io: IO, verbose: boolean): number {
  if (isMmbatchAuthError(error)) {
    io.err.write(`mmbatch-auth: ${redactText(error.message)}\n`);
    if (error.hint) io.err.write(`${redactText(error.hint)}\n`);
    if (verbose && error.cause instanceof Error && error.cause.stack) io.err.write(`${redactText(error.cause.stack)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.err.write(`mmbatch-auth: unexpected error: ${redactText(message.split('\n')[0])}\n`);
  if (verbose && error instanceof Error && error.stack) io.err.write(`${redactText(error.stack)}\n`);
  else io.err.write('run again with --verbose for details\n');
  return ExitCode.aws;
}
