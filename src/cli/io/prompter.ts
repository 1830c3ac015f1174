// Interactive questions, through @inquirer/prompts (loaded only when a question is asked). Prompts
// go to stderr so that stdout stays clean for `$(mmbatch-auth token)`.
import type { IO } from './streams.js';
import { InterruptedError } from '../../errors.js';

export interface Prompter {
  input(options: { message: string; default?: string; validate?: (value: string) => boolean | string }): Promise<string>;
  password(options: { message: string }): Promise<string>;
  confirm(options: { message: string; default?: boolean }): Promise<boolean>;
}

export async function inquirerPrompter(io: IO): Promise<Prompter> {
  const prompts = await import('@inquirer/prompts');
  const context = { input: io.stdin, output: io.err } as never;
  const guard = async <T>(question: Promise<T>): Promise<T> => {
    try {
      return await question;
    } catch (error) {
      // Ctrl-C or a closed stdin inside a prompt.
      if ((error as Error)?.name === 'ExitPromptError' || (error as Error)?.name === 'AbortPromptError') {
        throw new InterruptedError();
      }
      throw error;
    }
  };
  return {
    input: (options) => guard(prompts.input(options, context)),
    password: (options) => guard(prompts.password({ ...options, mask: '*' }, context)),
    confirm: (options) => guard(prompts.confirm(options, context)),
  };
}
