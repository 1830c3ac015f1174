// `[command...] --help` and `--version` without loading commander: build.mjs renders every help
// page with this CLI's own main() (src/renderHelpPages.ts) and embeds them here, so what is
// printed is exactly what commander prints, for the cost of Node's start-up and one small module.
import { fstatSync } from 'node:fs';
import type { IO } from './io.js';
import { VERSION } from './version.js';

declare const __MMBATCH_AUTH_HELP__: Record<string, string> | undefined;
/** Keyed by the command path ('' for the top level, 'user-pool create'); absent when run from source. */
const PAGES: Record<string, string> | undefined = typeof __MMBATCH_AUTH_HELP__ === 'object' ? __MMBATCH_AUTH_HELP__ : undefined;

/** Help is laid out for 80 columns, like git's and gh's: a readable measure, the same text everywhere. */
export const HELP_COLUMNS = 80;

/** The width commander lays help out for: 80 columns, or a narrower terminal's own width. */
export function helpWidth(io: IO, stream: 'out' | 'err'): number {
  const isTTY = stream === 'out' ? io.stdoutIsTTY : io.stderrIsTTY;
  const columns = isTTY ? (io[stream] as { columns?: number }).columns : undefined;
  return Math.min(columns || HELP_COLUMNS, HELP_COLUMNS);
}

/** What `argv` prints when it asks only for a help page or the version; undefined for everything else. */
export function prerenderedOutput(argv: string[], io: IO): string | undefined {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) return `${VERSION}\n`;
  const last = argv[argv.length - 1];
  if (!PAGES || (last !== '--help' && last !== '-h')) return undefined;
  const page = PAGES[argv.slice(0, -1).join(' ')];
  // A terminal narrower than the pages gets commander's own layout for its width.
  return page !== undefined && helpWidth(io, 'out') === HELP_COLUMNS ? page : undefined;
}

/**
 * For bin/, before the ES-module CLI is loaded (that alone costs more than printing a page):
 * prints the page through `sink` and returns true, or returns false for the CLI to answer. Only a
 * character device can be a terminal, so for a pipe or a file no stream is created to find out.
 */
export function printHelpPage(argv: string[], sink: { write(text: string): unknown }): boolean {
  const stdout = {
    get stdoutIsTTY() {
      try {
        return fstatSync(1).isCharacterDevice() && Boolean(process.stdout.isTTY);
      } catch {
        return false;
      }
    },
    get out() {
      return process.stdout;
    },
  };
  const text = prerenderedOutput(argv, stdout as unknown as IO);
  if (text === undefined) return false;
  sink.write(text);
  return true;
}
