// Build time only (build.mjs runs it; it is not shipped): every `--help` page of the command tree,
// rendered by the CLI's own main() as a user would get it, for pages.ts to print.
import type { IO } from '../io/streams.js';
import { main } from '../main.js';
import { commandPaths } from '../../commands/tree.js';

export async function renderHelpPages(): Promise<Record<string, string>> {
  const paths: string[][] = [[], ...commandPaths()];

  const pages: Record<string, string> = {};
  for (const path of paths) {
    let text = '';
    const out = { write: (chunk: string) => ((text += chunk), true) };
    const code = await main([...path, '--help'], { io: captureIO(out), env: {} });
    if (code !== 0 || !text) throw new Error(`mmbatch-auth ${[...path, '--help'].join(' ')} printed no help (exit ${code})`);
    pages[path.join(' ')] = text;
  }
  return pages;
}

/** Not a terminal: commander lays the pages out for 80 columns, as for any pipe or file. */
function captureIO(out: { write: (chunk: string) => boolean }): IO {
  return {
    stdin: undefined as never,
    out: out as never,
    err: { write: () => true } as never,
    stdinIsTTY: false,
    stdoutIsTTY: false,
    stderrIsTTY: false,
  };
}
