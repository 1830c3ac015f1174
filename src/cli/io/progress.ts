// Step-by-step progress on stderr: a spinner line per running step on a TTY, plain lines
// otherwise, nothing under --json. Several steps can run at once, so lines are keyed by step.
import type { Context } from '../context.js';
import { colorEnabled, makeColors } from './colours.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export interface Progress {
  start(step: string, label: string): void;
  done(step: string, line: string, ok?: boolean): void;
  stop(): void;
}

export function createProgress(ctx: Context): Progress {
  const quiet = ctx.globals.json;
  const tty = ctx.io.stderrIsTTY && !quiet;
  const colors = makeColors(colorEnabled(ctx.io.stderrIsTTY, !ctx.globals.color, ctx.env));
  const running = new Map<string, string>();
  let frame = 0;
  let timer: NodeJS.Timeout | undefined;
  const clearLine = () => tty && ctx.io.err.write('\r\x1b[2K');
  const render = () => {
    if (!tty || running.size === 0) return;
    clearLine();
    ctx.io.err.write(`${colors.cyan(FRAMES[frame++ % FRAMES.length])} ${[...running.values()].join(', ')}…`);
  };
  return {
    start(step, label) {
      if (quiet) return;
      running.set(step, label);
      if (tty && !timer) {
        timer = setInterval(render, 80);
        timer.unref();
      }
      render();
    },
    done(step, line, ok = true) {
      running.delete(step);
      if (quiet) return;
      clearLine();
      ctx.io.err.write(`${ok ? colors.green('✓') : colors.red('✗')} ${line}\n`);
      render();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      if (running.size) clearLine();
      running.clear();
    },
  };
}
