// src/cli/io/: how a run talks to people and scripts: streams (this file), output (records and
// JSON), progress (spinner lines), prompter (questions), colours.
// Streams are injected so a command's output is testable and so `token` can promise that stdout
// carries the token and nothing else. Nothing below src/commands writes to process.stdout directly.
import type { Readable, Writable } from 'node:stream';
import { UsageError } from '../../errors.js';

export interface IO {
  stdin: Readable;
  out: Writable;
  err: Writable;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
}

/**
 * A reader that went away (`mmbatch-auth status | head -1`) is not a failure of the command: the
 * rest of its output is dropped and it ends with its own exit code. Node reports the closed pipe as
 * an 'error' event on the stream (EPIPE), which would otherwise crash the process with a trace.
 */
function quietOnClosedReader<S extends NodeJS.WriteStream>(stream: S): S {
  if (!stream.listeners('error').includes(ignoreClosedReader)) stream.on('error', ignoreClosedReader);
  return stream;
}

function ignoreClosedReader(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
}

/** The process's streams, each made on first use: Node builds one (for a pipe, with its network
 * code) only when asked, and `--help` never asks for stdin. */
export function processIO(): IO {
  return {
    get stdin() {
      return process.stdin;
    },
    get out() {
      return quietOnClosedReader(process.stdout);
    },
    get err() {
      return quietOnClosedReader(process.stderr);
    },
    get stdinIsTTY() {
      return Boolean(process.stdin.isTTY);
    },
    get stdoutIsTTY() {
      return Boolean(process.stdout.isTTY);
    },
    get stderrIsTTY() {
      return Boolean(process.stderr.isTTY);
    },
  };
}

export function writeLine(stream: Writable, line = ''): void {
  stream.write(`${line}\n`);
}

/** `--json`: stdout carries exactly one JSON document. */
export function writeJson(io: IO, document: unknown): void {
  io.out.write(`${JSON.stringify(document, null, 2)}\n`);
}

/** Reads all of stdin (for --password-stdin and --data @-); a trailing newline is not part of the value. */
/**
 * The process's stdin can be read once: its text is kept for the rest of the run, so the full CLI
 * can take over from the lean path (src/fast/, its own bundle, hence the global symbol registry)
 * after that read the password, and still find the lines that follow it.
 */
const PROCESS_STDIN_TEXT = Symbol.for('mmbatch-auth.processStdinText');

export async function readAllStdin(stdin: Readable): Promise<string> {
  const kept = globalThis as { [PROCESS_STDIN_TEXT]?: Promise<string> };
  if (stdin !== process.stdin) return readToEnd(stdin);
  return (kept[PROCESS_STDIN_TEXT] ??= readToEnd(stdin));
}

/**
 * More than any password, people file or request body here needs: `yes | mmbatch-auth token
 * --password-stdin` (or /dev/zero) must end with a message, not with the memory of the machine.
 */
const MAX_STDIN_BYTES = 16 * 1024 * 1024;

async function readToEnd(stdin: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += bytes.length;
    if (size > MAX_STDIN_BYTES) {
      stdin.destroy();
      throw new UsageError(`stdin holds more than ${MAX_STDIN_BYTES / 1024 / 1024} MiB: nothing read from it is used`);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}
