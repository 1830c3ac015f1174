// A bar of done/total on stderr for work counted in items (`users add --from`): redrawn in place on
// a TTY, and nothing at all under --json or when stderr is not a terminal (a log file would fill
// with carriage returns). The finished bar stays on its line, so the summary below it reads as its end.
import type { Context } from '../context.js';

export interface ProgressBar {
  /** `done` of the total are finished. */
  update(done: number): void;
  /** Draws the last state and ends its line. */
  finish(): void;
}

/** Redraws at most this often: thousands of items would otherwise write thousands of lines' worth. */
const REDRAW_MS = 50;
const WIDEST_BAR = 30;
const NARROWEST_BAR = 10;

const silent: ProgressBar = { update() {}, finish() {} };

export function createProgressBar(ctx: Context, { label, total }: { label: string; total: number }): ProgressBar {
  if (!ctx.io.stderrIsTTY || ctx.globals.json) return silent;
  const err = ctx.io.err as NodeJS.WriteStream;
  let done = 0;
  let drawnAt = 0;
  let finished = false;
  const draw = () => {
    const count = `${done}/${total}`;
    // The line must fit the terminal, or the carriage return would redraw only its last row.
    const room = (err.columns || 80) - label.length - count.length - 4;
    const width = Math.max(NARROWEST_BAR, Math.min(WIDEST_BAR, room));
    const filled = total > 0 ? Math.round((done / total) * width) : width;
    err.write(`\r\x1b[2K${label} ${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${count}`);
    drawnAt = Date.now();
  };
  draw();
  return {
    update(value) {
      done = value;
      if (!finished && (done >= total || Date.now() - drawnAt >= REDRAW_MS)) draw();
    },
    finish() {
      if (finished) return;
      finished = true;
      draw();
      err.write('\n');
    },
  };
}
