// Runs the real, built CLI binary on a pseudo-terminal, as a person at a terminal would: stdin is
// a TTY, prompts are answered by typing, Ctrl-C is a keystroke. The terminal itself comes from
// pty-host.py beside this file (Python's standard pty module: no native addon, no install step).
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { BIN, ROOT, transcript } from './cli.mjs';

const HOST = join(dirname(fileURLToPath(import.meta.url)), 'pty-host.py');
// Debian's own interpreter when there is one: a version manager's shim costs ~100 ms a start.
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const TRANSCRIPT_FILE = process.env.MMBATCH_AUTH_TEST_TRANSCRIPT;
const TAIL_CHARS = 2048;

/** What each named key sends, as a terminal in its default (normal cursor) mode would. */
export const KEYS = {
  enter: '\r',
  tab: '\t',
  backspace: '\x7f',
  escape: '\x1b',
  space: ' ',
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  home: '\x1b[H',
  end: '\x1b[F',
  delete: '\x1b[3~',
};

function keySequence(name) {
  if (Object.hasOwn(KEYS, name)) return KEYS[name];
  const ctrl = /^ctrl-([a-z])$/.exec(name);
  if (ctrl) return String.fromCharCode(ctrl[1].charCodeAt(0) - 96); // ctrl-c → \x03
  throw new Error(`pty: unknown key "${name}" (known: ${Object.keys(KEYS).join(', ')}, ctrl-a … ctrl-z)`);
}

/**
 * spawnPty(file, args, { env, cwd, cols, rows, timeoutMs, separateStdout }) → PtySession
 * Starts `file args` on a new pseudo-terminal of cols × rows with exactly `env`. stdin and stderr
 * are the terminal; so is stdout, unless separateStdout: then stdout is a pipe read on its own
 * (as in `$(mmbatch-auth token)`), and the terminal shows only stderr. After timeoutMs the command
 * is killed (SIGKILL).
 */
export function spawnPty(file, args = [], { env = {}, cwd = ROOT, cols = 80, rows = 24, timeoutMs = 30_000, separateStdout = false } = {}) {
  const child = spawn(PYTHON, ['-I', HOST, String(cols), String(rows), separateStdout ? 'fd3' : 'pty', '--', file, ...args], {
    cwd,
    env,
    stdio: ['pipe', 'pipe', 'pipe', separateStdout ? 'pipe' : 'ignore'],
  });
  return new PtySession(child, { timeoutMs, separateStdout });
}

/**
 * runInPty(args, { env, cols, rows, timeoutMs, separateStdout }) → PtySession
 * `node bin/mmbatch-auth.cjs ...args` on a terminal. The environment is as runCli's (PATH, HOME,
 * NO_COLOR=1) and TERM=xterm-256color, but without CI=1: a terminal is for answering prompts.
 * `env` adds to it or overrides it.
 */
export function runInPty(args, { env = {}, ...options } = {}) {
  const session = spawnPty(process.execPath, [BIN, ...args], {
    ...options,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', TERM: 'xterm-256color', ...env },
  });
  session.exit().then(() => record(args, session), () => undefined);
  return session;
}

/** Each run joins the suite-wide transcript that the secrets check greps (see cli.mjs). */
function record(args, session) {
  const { text, stdout } = session.output();
  // Without a stdout of its own, the terminal mixes both streams: it is filed as stdout, where a
  // token may be, so that a token there is not taken for one on stderr.
  const run = stdout === null ? { args, stdout: text, stderr: '' } : { args, stdout, stderr: text };
  transcript.push(`$ mmbatch-auth ${args.join(' ')}  (on a terminal)`, run.stdout, run.stderr);
  if (TRANSCRIPT_FILE) appendFileSync(TRANSCRIPT_FILE, `${JSON.stringify(run)}\n`);
}

class PtySession {
  #child;
  #raw = '';
  #stdout = null;
  #hostErrors = '';
  #cursor = 0; // where in the stripped output the next expect() starts looking
  #waiters = new Set();
  #exited;
  #result = null;

  constructor(child, { timeoutMs, separateStdout }) {
    this.#child = child;
    this.pid = child.pid;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      this.#raw += chunk;
      for (const waiter of this.#waiters) waiter.check();
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => (this.#hostErrors += chunk));
    if (separateStdout) {
      this.#stdout = '';
      child.stdio[3].setEncoding('utf8');
      child.stdio[3].on('data', (chunk) => (this.#stdout += chunk));
    }
    child.stdin.on('error', () => undefined); // typing into a terminal whose command has ended
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    this.#exited = new Promise((resolve, reject) => {
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`pty: could not start ${PYTHON} (${error.message})`));
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        this.#result = { code, signal };
        for (const waiter of this.#waiters) waiter.fail(`the command ended (${signal ?? `exit ${code}`})`);
        if (this.#hostErrors) reject(new Error(`pty: pty-host.py failed: ${this.#hostErrors.trim()}`));
        else resolve({ code, signal });
      });
    });
    this.#exited.catch(() => undefined); // reported by exit() and expect(), never unhandled
  }

  /**
   * Waits until the terminal, ANSI stripped, shows `pattern` (a string or a RegExp) after the
   * previous expect()'s match; resolves with the matched text (or the RegExp match).
   * Throws on timeout or when the command ends first, with the last 2 KB shown.
   */
  expect(pattern, { timeoutMs = 10_000 } = {}) {
    const regex = typeof pattern === 'string' ? null : new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
    return new Promise((resolve, reject) => {
      const waiter = {
        check: () => {
          const text = this.output().text;
          const rest = text.slice(this.#cursor);
          const match = regex ? regex.exec(rest) : rest.includes(pattern) ? Object.assign([pattern], { index: rest.indexOf(pattern) }) : null;
          if (!match) return false;
          this.#cursor += match.index + match[0].length;
          done();
          resolve(regex ? match : pattern);
          return true;
        },
        fail: (why) => {
          done();
          reject(this.#failure(`${why} before it showed ${describe(pattern)}`));
        },
      };
      const timer = setTimeout(() => waiter.fail(`timed out after ${timeoutMs} ms`), timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.#waiters.delete(waiter);
      };
      this.#waiters.add(waiter);
      if (!waiter.check() && this.#result) waiter.fail(`the command ended (${this.#result.signal ?? `exit ${this.#result.code}`})`);
    });
  }

  /** Types `text` as it is (no Enter). */
  send(text) {
    this.#child.stdin.write(text);
  }

  /** Types `text`, then Enter. */
  sendLine(text = '') {
    this.send(`${text}${KEYS.enter}`);
  }

  /** Presses one key: enter, tab, backspace, escape, space, up, down, left, right, home, end, delete, ctrl-a … ctrl-z. */
  sendKey(name) {
    this.send(keySequence(name));
  }

  /**
   * Everything so far: `raw` as the terminal received it, `text` with the ANSI escape sequences
   * stripped, and `stdout` when it was captured on its own (else null).
   */
  output() {
    return { raw: this.#raw, text: stripVTControlCharacters(this.#raw), stdout: this.#stdout };
  }

  /** Resolves when the command has ended and the terminal is drained: { code, signal }. */
  exit() {
    return this.#exited;
  }

  /** Ends the command now (SIGKILL) if it is still running; resolves as exit() does. */
  kill() {
    if (this.#result === null) this.#child.kill('SIGTERM'); // the host kills the command, then ends as it did
    return this.#exited;
  }

  #failure(message) {
    const text = this.output().text;
    const tail = text.length > TAIL_CHARS ? `…${text.slice(-TAIL_CHARS)}` : text;
    return new Error(`pty: ${message}. The terminal's last output:\n${tail}`);
  }
}

function describe(pattern) {
  return typeof pattern === 'string' ? JSON.stringify(pattern) : String(pattern);
}
