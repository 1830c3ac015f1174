// `completion bash|zsh|fish`: prints the script (scripts.ts writes it from the specs).
import type { Context } from '../../cli/context.js';
import { bashScript, fishScript, zshScript } from './scripts.js';
import type { CompletionOptions } from './spec.js';

const SCRIPTS = { bash: bashScript, zsh: zshScript, fish: fishScript } as const;

export async function run(options: CompletionOptions, ctx: Context): Promise<void> {
  ctx.io.out.write(SCRIPTS[options.shell]());
}
