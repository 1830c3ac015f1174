// `completion bash|zsh|fish`: a shell completion script, generated from the command specs.
import { defineCommand, options, type OptionsOf } from '../define.js';

const SHELLS = ['bash', 'zsh', 'fish'] as const;
const completionOptions = options({});
const completionArgs = [{ name: 'shell', required: true, choices: SHELLS, description: 'bash, zsh or fish' }] as const;

export type CompletionOptions = OptionsOf<{ options: typeof completionOptions; args: typeof completionArgs }>;

export const completion = defineCommand({
  name: 'completion',
  description: 'a shell completion script',
  examples: [
    'source <(mmbatch-auth completion bash)',
    'mmbatch-auth completion zsh > "${fpath[1]}/_mmbatch-auth"',
    'mmbatch-auth completion fish > ~/.config/fish/completions/mmbatch-auth.fish',
  ],
  options: completionOptions,
  args: completionArgs,
  load: () => import('./run.js').then((m) => m.run),
});
