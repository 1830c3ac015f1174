// `users add --from` on a terminal: a bar of done/total on stderr, redrawn in place, ending at
// N/N (and staying there, the summary below it); never under --json, never when stderr is not a
// terminal (a log file gets the summary only).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { startWorld, type SetUpWorld } from './support/world.js';
// @ts-expect-error: plain JS test support
import { runInPty } from './support/pty.mjs';

const COLS = 80;
let world: SetUpWorld;
let batch = 0;

beforeAll(async () => {
  world = await startWorld({ setup: true });
}, 120_000);
afterAll(async () => world?.stop());

function peopleFile(n: number): string {
  batch += 1;
  const file = join(world.home.dir, `people-${batch}.csv`);
  writeFileSync(file, ['email,admin', ...Array.from({ length: n }, (_, i) => `tty${batch}-${i}@example.com,${i % 10 === 0 ? 'yes' : 'no'}`)].join('\n'));
  return file;
}

async function onTerminal(args: string[]) {
  const pty = runInPty(args, { env: { ...world.env(world.home), HOME: world.home.dir, CI: '' }, cols: COLS, rows: 24, timeoutMs: 60_000 });
  const { code } = await pty.exit();
  return { code, ...(pty.output() as { raw: string; text: string }) };
}

test('on a terminal: a bar with done/total, redrawn in place, that ends full at N/N above the summary', async () => {
  // Slow enough that the bar is drawn more than twice.
  world.stack.setDelay(20);
  let run;
  try {
    run = await onTerminal(['users', 'add', '--from', peopleFile(40)]);
  } finally {
    world.stack.setDelay(0);
  }
  expect(run.code).toBe(0);
  // Each drawing starts by returning to the line's start and clearing it: no new line between them.
  const drawings = run.raw.split('\r\x1b[2K').filter((part) => part.startsWith('adding users'));
  expect(drawings.length).toBeGreaterThan(2);
  const counts = drawings.map((drawing) => {
    const match = /^adding users ([█░]+) (\d+)\/40/.exec(stripVTControlCharacters(drawing));
    expect(match).not.toBeNull();
    return Number(match![2]);
  });
  expect(counts[0]).toBe(0);
  expect([...counts].sort((a, b) => a - b)).toEqual(counts);
  for (const drawing of drawings.slice(0, -1)) expect(drawing).not.toContain('\n');
  // The last drawing: full, 40/40, on a line of its own that fits the terminal, the summary next.
  const last = stripVTControlCharacters(drawings[drawings.length - 1]);
  expect(last).toMatch(/^adding users █+ 40\/40\r?\n40 added .*, 0 already there, 0 failed/);
  expect(last.split(/\r?\n/)[0].length).toBeLessThanOrEqual(COLS);
}, 90_000);

test('on a terminal with --json: no bar, stdout the one document', async () => {
  const run = await onTerminal(['users', 'add', '--from', peopleFile(5), '--json']);
  expect(run.code).toBe(0);
  expect(run.raw).not.toContain('adding users');
  expect(run.raw).not.toContain('█');
  expect(JSON.parse(run.text)).toMatchObject({ created: 5, existing: 0, failed: 0 });
}, 60_000);

test('stderr not a terminal: no bar and no carriage returns, only the summary', async () => {
  const result = await world.cli(['users', 'add', '--from', peopleFile(5)]);
  expect(result.code).toBe(0);
  expect(result.stderr).toMatch(/^5 added \(Cognito e-mails each a temporary password\), 0 already there, 0 failed\n$/);
  expect(result.stderr).not.toContain('\r');
}, 60_000);
