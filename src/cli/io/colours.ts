// Colour only on a TTY, never with --no-color or NO_COLOR (https://no-color.org). chalk is loaded
// by the commands that print for people, never on the `token` path.
import { Chalk, type ChalkInstance } from 'chalk';

export function makeColors(enabled: boolean): ChalkInstance {
  return new Chalk({ level: enabled ? 1 : 0 });
}

export function colorEnabled(isTTY: boolean, noColorFlag: boolean, env: NodeJS.ProcessEnv): boolean {
  if (noColorFlag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return isTTY && env.TERM !== 'dumb';
}
