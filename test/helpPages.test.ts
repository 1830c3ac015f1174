// `--help` without commander: the pages embedded by the build (src/helpPages.ts) must be exactly
// what commander prints, for every command, and a narrow terminal must still get its own layout.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { buildProgram, main } from '../src/cli.js';
import type { IO } from '../src/io.js';
// @ts-expect-error: plain JS test support
import { ROOT, runCli } from './support/cli.mjs';

type HelpPages = typeof import('../src/helpPages.js');
// The build's CommonJS copy, with the pages in it (npm test builds first).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const built: HelpPages = require(join(ROOT, 'dist', 'helpPages.cjs'));
const pipe = () => ({ isTTY: false });

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

const paths: string[][] = [];
beforeAll(async () => {
  const walk = (command: Command, path: string[]) => {
    paths.push(path);
    for (const sub of command.commands) walk(sub, [...path, sub.name()]);
  };
  walk(buildProgram({ io: fakeIO({ isTTY: false }).io, env: {} }, await import('commander')), []);
});

test('every command has a page, the same text commander prints', async () => {
  expect(paths.length).toBeGreaterThan(20);
  for (const path of paths) {
    const page = built.prerenderedOutput([...path, '--help'], pipe);
    expect({ path, page }).toEqual({ path, page: await commanderHelp([...path, '--help']) });
    expect(built.prerenderedOutput([...path, '-h'], pipe)).toBe(page);
  }
});

test('the installed binary prints the page, and the version', async () => {
  const help = await runCli(['setup', '--help']);
  expect(help).toMatchObject({ code: 0, stderr: '' });
  expect(help.stdout).toBe(await commanderHelp(['setup', '--help']));
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  expect(await runCli(['-V'])).toMatchObject({ code: 0, stdout: `${version}\n` });
  expect(built.prerenderedOutput(['--version'], pipe)).toBe(`${version}\n`);
});

test('anything but a bare help or version request goes to commander', () => {
  for (const argv of [[], ['setup'], ['--json', '--help'], ['setup', '--name', 'x', '--help'], ['no-such-command', '--help'], ['-V', 'setup']]) {
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
