// Interactive questions, through the four @inquirer prompt packages we use (loaded only when a
// question is asked). Not @inquirer/prompts: it bundles every prompt, and its editor prompt pulls a
// charset detector (+591 KiB, +37 ms per run that asks anything). Prompts go to stderr so that stdout stays clean for `$(mmbatch-auth token)`.
import type { IO } from './streams.js';
import { InterruptedError } from '../../errors.js';
import { withProgressPaused } from './progress.js';

export interface Prompter {
  input(options: { message: string; default?: string; validate?: (value: string) => boolean | string }): Promise<string>;
  password(options: { message: string; validate?: (value: string) => boolean | string }): Promise<string>;
  confirm(options: { message: string; default?: boolean }): Promise<boolean>;
  select(options: { message: string; choices: readonly { name: string; value: string }[]; default?: string }): Promise<string>;
}

export async function inquirerPrompter(io: IO): Promise<Prompter> {
  const [{ default: input }, { default: password }, { default: confirm }, { default: select }] = await Promise.all([
    import('@inquirer/input'),
    import('@inquirer/password'),
    import('@inquirer/confirm'),
    import('@inquirer/select'),
  ]);
  const prompts = { input, password, confirm, select };
  const context = { input: io.stdin, output: io.err } as never;
  // A spinner drawn over a prompt hides it: every question pauses the progress lines until answered.
  const guard = async <T>(ask: () => Promise<T>): Promise<T> => {
    try {
      return await withProgressPaused(ask);
    } catch (error) {
      // Ctrl-C or a closed stdin inside a prompt.
      if ((error as Error)?.name === 'ExitPromptError' || (error as Error)?.name === 'AbortPromptError') {
        throw new InterruptedError();
      }
      throw error;
    }
  };
  return {
    input: (options) => guard(() => prompts.input(options, context)),
    password: (options) => guard(() => prompts.password({ ...options, mask: '*' }, context)),
    confirm: (options) => guard(() => prompts.confirm(options, context)),
    select: (options) => guard(() => prompts.select({ ...options, choices: [...options.choices], pageSize: 10 }, context)),
  };
}
