// The one place errors become output: `mmbatch-auth: <what went wrong>`, a hint line where it
// helps, the contract's exit code, and a stack trace only under --verbose. Messages carry values
// that are not ours (a flag, a file, AWS's words): secrets redacted, controls shown escaped.
import { ExitCode, isMmbatchAuthError } from '../errors.js';
import type { IO } from './io/streams.js';
import { redactText } from '../redact.js';
import { visibleControls, visibleLine } from '../terminalText.js';

/** An error and its hint are one line each, whatever values they quote. */
const shown = (text: string): string => visibleLine(redactText(text));
const shownBlock = (text: string): string => visibleControls(redactText(text));

export function reportError(error: unknown, io: IO, verbose: boolean): number {
  if (isMmbatchAuthError(error)) {
    io.err.write(`mmbatch-auth: ${shown(error.message)}\n`);
    if (error.hint) io.err.write(`${shown(error.hint)}\n`);
    if (verbose && error.cause instanceof Error && error.cause.stack) io.err.write(`${shownBlock(error.cause.stack)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.err.write(`mmbatch-auth: unexpected error: ${shown(message.split('\n')[0])}\n`);
  if (verbose && error instanceof Error && error.stack) io.err.write(`${shownBlock(error.stack)}\n`);
  else io.err.write('run again with --verbose for details\n');
  return ExitCode.aws;
}
