// Help as people read it: a page for every command, pre-rendered at build time (src/cli/help/) and
// the same text commander prints; each shows the global options and examples; `help <command>
// <sub>` is that page; an unknown topic is bad usage; `-v` and `--version`; completion scripts
// written from the specs parse in their shells.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/cli/main.js';
import type { IO } from '../src/cli/io/streams.js';
import { commandPaths } from '../src/commands/tree.js';
// @ts-expect-error: plain JS test support
import { ROOT, runCli } from './support/cli.mjs';

type HelpPages = typeof import('../src/cli/help/pages.js');
// The build's CommonJS copy, with the pages in it (npm test builds first).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const built: HelpPages = require(join(ROOT, 'dist', 'helpPages.cjs'));
const pipe = () => ({ isTTY: false });
const paths = [[], ...commandPaths()];

function fakeIO(stdout: { isTTY: boolean; columns?: number }): { io: IO; text: () => string } {
  let text = '';
  const out = { write: (chunk: string) => ((text += chunk), true), columns: stdout.columns };
  const io = { stdin: undefined, out, err: { write: () => true }, stdinIsTTY: false, stdoutIsTTY: stdout.isTTY, stderrIsTTY: false };
  return { io: io as unknown as IO, text: () => text };
}

/** What commander itself prints: the sources carry no pages, so main() always asks commander. */
async function commanderHelp(argv: string[], stdout: { isTTY: boolean; columns?: number } = { isTTY: false }): Promise<string> {
  const { io, text } = fakeIO(stdout);
  expect(await main(argv, { io, env: {} })).toBe(0);
  return text();
}

test('every command has a pre-rendered page, up to date with what commander prints', async () => {
  expect(paths.length).toBeGreaterThan(30);
  for (const path of paths) {
    const page = built.prerenderedOutput([...path, '--help'], pipe);
    expect({ path, page }).toEqual({ path, page: await commanderHelp([...path, '--help']) });
    expect(built.prerenderedOutput([...path, '-h'], pipe)).toBe(page);
    expect(built.prerenderedOutput(['help', ...path], pipe)).toBe(page);
  }
});

test('every page shows the global options and two or three examples', () => {
  for (const path of paths) {
    const page = built.prerenderedOutput([...path, '--help'], pipe)!;
    expect({ path, global: /--region <region>/.test(page) && /--no-color/.test(page) && /-v, --version/.test(page) }).toEqual({ path, global: true });
    const examples = page.split('\nExamples:\n')[1]?.split('\n').filter((line) => line.startsWith('  $ mmbatch-auth') || line.startsWith('  $ ')) ?? [];
    expect({ path, examples: examples.length >= 2 && examples.length <= 3 }).toEqual({ path, examples: true });
  }
});

test('the installed binary: `help <command> <sub>` is that page, an unknown topic is exit 2 in one line, -v and --version', async () => {
  const help = await runCli(['help', 'users', 'add']);
  expect(help).toMatchObject({ code: 0, stderr: '' });
  expect(help.stdout).toBe(await commanderHelp(['users', 'add', '--help']));
  expect(await runCli(['help', 'users', 'frob'])).toMatchObject({ code: 2, stdout: '', stderr: "mmbatch-auth: unknown help topic 'users frob'\n" });
  expect(await runCli(['help', 'nothing'])).toMatchObject({ code: 2, stdout: '', stderr: "mmbatch-auth: unknown help topic 'nothing'\n" });
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  for (const flag of ['-v', '--version']) expect(await runCli([flag])).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
  expect(built.prerenderedOutput(['--version'], pipe)).toBe(`${version}\n`);
});

test('anything but a bare help or version request goes to commander', () => {
  for (const argv of [[], ['setup'], ['--json', '--help'], ['setup', '--name', 'x', '--help'], ['no-such-command', '--help'], ['-v', 'setup'], ['help', 'frob']]) {
    expect({ argv, page: built.prerenderedOutput(argv, pipe) }).toEqual({ argv, page: undefined });
  }
});

test('help is laid out for 80 columns, or a narrower terminal', async () => {
  const page = built.prerenderedOutput(['token', '--help'], pipe);
  // A wide terminal reads the same page, from the pages or from commander...
  expect(built.prerenderedOutput(['token', '--help'], () => ({ isTTY: true, columns: 200 }))).toBe(page);
  expect(await commanderHelp(['token', '--help'], { isTTY: true, columns: 200 })).toBe(page);
  // ...a narrower one gets commander's layout for its own width.
  expect(built.prerenderedOutput(['token', '--help'], () => ({ isTTY: true, columns: 60 }))).toBeUndefined();
  expect(built.helpWidth({ isTTY: true, columns: 60 })).toBe(60);
});

describe('completion scripts', () => {
  const has = (shell: string) => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;

  test.each([
    ['bash', ['-n']],
    ['zsh', ['-n']],
    ['fish', ['--no-execute']],
  ])('%s: the script parses', async (shell, check) => {
    const result = await runCli(['completion', shell]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    // Every command, subcommand and flag is in it, from the specs.
    for (const word of ['setup', 'user-pool', 'auth-flows', 'remove', 'user-pool-id', 'mfa-code-stdin', 'no-cache', 'completion']) expect(result.stdout).toContain(word);
    if (!has(shell)) {
      // .ci/run installs bash, zsh and fish from Debian; a machine without the shell cannot check it.
      console.warn(`${shell} is not installed: its completion script was not parsed`);
      return;
    }
    const file = join(mkdtempSync(join(tmpdir(), 'mmbatch-auth-completion-')), `mmbatch-auth.${shell}`);
    writeFileSync(file, result.stdout);
    expect(() => execFileSync(shell, [...check, file], { stdio: ['ignore', 'pipe', 'pipe'] })).not.toThrow();
  });

  test('bash completes commands, subcommands, flags and choices', async () => {
    const script = (await runCli(['completion', 'bash'])).stdout;
    const complete = (line: string) => {
      const words = line.split(' ');
      const program = `${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _mmbatch_auth; printf '%s\\n' "\${COMPREPLY[@]}"`;
      return execFileSync('bash', ['-c', program], { encoding: 'utf8' }).trim().split('\n');
    };
    expect(complete('mmbatch-auth us')).toEqual(['user-pool', 'users', 'use']);
    expect(complete('mmbatch-auth users ')).toEqual(['add', 'list', 'remove']);
    expect(complete('mmbatch-auth token --fl')).toEqual(['--flow']);
    expect(complete('mmbatch-auth token --flow ')).toEqual(['auto', 'srp', 'password', 'admin']);
    expect(complete('mmbatch-auth --config x users add --ad')).toEqual(['--admin', '--admin-group']);
    expect(complete('mmbatch-auth completion ')).toEqual(['bash', 'zsh', 'fish']);
  });

  test('zsh (through bashcompinit) and fish complete the same', async () => {
    const zsh = (await runCli(['completion', 'zsh'])).stdout;
    const fish = (await runCli(['completion', 'fish'])).stdout;
    const dir = mkdtempSync(join(tmpdir(), 'mmbatch-auth-completion-'));
    writeFileSync(join(dir, 'c.zsh'), zsh);
    writeFileSync(join(dir, 'c.fish'), fish);
    if (has('zsh')) {
      const zshComplete = (words: string[]) =>
        execFileSync('zsh', ['-c', `autoload -U +X bashcompinit && bashcompinit; source ${join(dir, 'c.zsh')}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _mmbatch_auth; print -l $COMPREPLY`], { encoding: 'utf8' })
          .trim()
          .split('\n');
      expect(zshComplete(['mmbatch-auth', 'users', ''])).toEqual(['add', 'list', 'remove']);
      expect(zshComplete(['mmbatch-auth', 'token', '--flow', ''])).toEqual(['auto', 'srp', 'password', 'admin']);
    }
    if (has('fish')) {
      const fishComplete = (line: string) =>
        execFileSync('fish', ['-c', `source ${join(dir, 'c.fish')}; complete -C '${line}'`], { encoding: 'utf8' })
          .trim()
          .split('\n')
          .map((entry) => entry.split('\t')[0]);
      expect(fishComplete('mmbatch-auth users ')).toEqual(['add', 'list', 'remove']);
      expect(fishComplete('mmbatch-auth token --flow ').sort()).toEqual(['admin', 'auto', 'password', 'srp']);
    }
  });
});

test("`api --help`'s examples name paths the MMBatch API has (PUT /api/v1/log/config, not /api/v1/config/log)", async () => {
  const result = await runCli(['api', '--help']);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain("$ mmbatch-auth api PUT /api/v1/log/config --data '{\"level\":\"debug\"}'");
  expect(result.stdout).not.toContain('/api/v1/config/log');
});
