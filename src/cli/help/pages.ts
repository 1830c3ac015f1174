// src/cli/help/: the help pages, rendered at build time (render.ts) and printed without commander (this file).
// `[command...] --help`, `help [command...]` and `--version` without loading commander: build.mjs
// renders every help page with this CLI's own main() (render.ts) and embeds them here, so what is
// printed is exactly what commander prints, for little more than Node's start-up.
import { fstatSync } from 'node:fs';
import { VERSION } from '../../version.js';

/** Each distinct line once; a page is its line numbers (build.mjs). */
interface InternedPages {
  lines: string[];
  /** Keyed by the command path ('' for the top level, 'user-pool create'). */
  pages: Record<string, number[]>;
}
declare const __MMBATCH_AUTH_HELP__: InternedPages | undefined;
/** Absent when run from source, and in the full CLI (bin/ answers with them first). */
const PAGES: InternedPages | undefined = typeof __MMBATCH_AUTH_HELP__ === 'object' ? __MMBATCH_AUTH_HELP__ : undefined;

/** Help is laid out for 80 columns, like git's and gh's: a readable measure, the same text everywhere. */
export const HELP_COLUMNS = 80;

export interface OutputStream {
  isTTY?: boolean;
  columns?: number;
}

/** The width commander lays help out for: 80 columns, or a narrower terminal's own width. */
export function helpWidth(stream: OutputStream): number {
  return Math.min((stream.isTTY && stream.columns) || HELP_COLUMNS, HELP_COLUMNS);
}

/**
 * What `argv` prints when it asks only for a help page or the version; undefined for everything
 * else. `stdout` is asked for only when a page matches: a narrower terminal gets commander's own
 * layout for its width.
 */
export function prerenderedOutput(argv: string[], stdout: () => OutputStream): string | undefined {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v' || argv[0] === '-V')) return `${VERSION}\n`;
  if (!PAGES) return undefined;
  let path: string[];
  if (argv[0] === 'help') path = argv.slice(1);
  else if (argv[argv.length - 1] === '--help' || argv[argv.length - 1] === '-h') path = argv.slice(0, -1);
  else return undefined;
  const key = path.join(' ');
  const page = Object.hasOwn(PAGES.pages, key) ? PAGES.pages[key].map((line) => PAGES.lines[line]).join('\n') : undefined;
  return page !== undefined && helpWidth(stdout()) === HELP_COLUMNS ? page : undefined;
}

/**
 * For bin/, before the full CLI is loaded (that alone costs more than printing a page):
 * prints through `sink` and returns true, or returns false for the CLI to answer. Only a character
 * device can be a terminal, so for a pipe or a file no stream is created to find out.
 */
export function printPrerendered(argv: string[], sink: { write(text: string): unknown }): boolean {
  const text = prerenderedOutput(argv, () => (isCharacterDevice(1) ? process.stdout : { isTTY: false }));
  if (text === undefined) return false;
  try {
    sink.write(text);
  } catch {
    // The reader went away (EPIPE, `| head -1`): nothing to tell it.
  }
  return true;
}

function isCharacterDevice(fd: number): boolean {
  try {
    return fstatSync(fd).isCharacterDevice();
  } catch {
    return false;
  }
}
