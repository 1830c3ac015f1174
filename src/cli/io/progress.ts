// Step-by-step progress on stderr: a spinner line per running step on a TTY, plain lines
// otherwise, nothing under --json. Several steps can run at once, so lines are keyed by step.
// A prompt pauses every progress of the run (withProgressPaused): the spinner never draws over a
// question, and lines of steps that finish meanwhile wait until it is answered.
import type { Context } from '../context.js';
import { colorEnabled, makeColors } from './colours.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export interface Progress {
  start(step: string, label: string): void;
  done(step: string, line: string, ok?: boolean): void;
  stop(): void;
}

interface Pausable {
  pause(): void;
  resume(): void;
}

/** The progress displays of this process that are drawing now. */
const drawing = new Set<Pausable>();
let pauses = 0;

/** Runs `ask` (a prompt) with every spinner stopped and its line cleared; they carry on afterwards. */
export async function withProgressPaused<T>(ask: () => Promise<T>): Promise<T> {
  if (pauses++ === 0) for (const progress of drawing) progress.pause();
  try {
    return await ask();
  } finally {
    if (--pauses === 0) for (const progress of drawing) progress.resume();
  }
}

export function createProgress(ctx: Context): Progress {
  const quiet = ctx.globals.json;
  const tty = ctx.io.stderrIsTTY && !quiet;
  const colors = makeColors(colorEnabled(ctx.io.stderrIsTTY, !ctx.globals.color, ctx.env));
  const running = new Map<string, string>();
  const held: string[] = [];
  let paused = false;
  let frame = 0;
  let timer: NodeJS.Timeout | undefined;
  const clearLine = () => tty && ctx.io.err.write('\r\x1b[2K');
  const render = () => {
    if (!tty || paused || running.size === 0) return;
    clearLine();
    ctx.io.err.write(`${colors.cyan(FRAMES[frame++ % FRAMES.length])} ${[...running.values()].join(', ')}…`);
  };
  const startTimer = () => {
    if (tty && !timer && !paused && running.size) {
      timer = setInterval(render, 80);
      timer.unref();
    }
  };
  const stopTimer = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };
  const self: Pausable = {
    pause() {
      paused = true;
      stopTimer();
      if (running.size) clearLine();
    },
    resume() {
      paused = false;
      for (const line of held.splice(0)) ctx.io.err.write(line);
      startTimer();
      render();
    },
  };
  if (pauses > 0) paused = true;
  drawing.add(self);
  return {
    start(step, label) {
      if (quiet) return;
      running.set(step, label);
      startTimer();
      render();
    },
    done(step, line, ok = true) {
      running.delete(step);
      if (quiet) return;
      const text = `${ok ? colors.green('✓') : colors.red('✗')} ${line}\n`;
      if (paused) {
        held.push(text);
        return;
      }
      clearLine();
      ctx.io.err.write(text);
      if (running.size === 0) stopTimer();
      render();
    },
    stop() {
      stopTimer();
      if (running.size && !paused) clearLine();
      running.clear();
      for (const line of held.splice(0)) ctx.io.err.write(line);
    },
  };
}
