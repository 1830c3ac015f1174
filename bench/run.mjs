#!/usr/bin/env node
// `npm run bench`: the goals table of issue 12, measured side by side in one run against the local
// stack. Each area of bench/rows/ times our commands and their baselines as whole processes,
// interleaved, after a warm-up, and compares medians; the exit code is 1 when any goal is missed.
//
//   node bench/run.mjs [--quick] [--rows setup,token,users,package] [--no-aws] [--aws-cli <path>]
//
// The CLI measured is the packed and installed package, so every row runs what `npx mmbatch-auth`
// runs, and a rebuild of the shared dist/ meanwhile changes nothing here.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createContext } from './lib/context.mjs';
import { createReport } from './lib/report.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The areas, in the table's order: one file each in bench/rows/. */
const AREAS = ['setup', 'token', 'users', 'package'];

const argv = process.argv.slice(2);
const rowsFlag = argv.indexOf('--rows');
const chosen = rowsFlag >= 0 ? (argv[rowsFlag + 1] ?? '').split(',').filter(Boolean) : AREAS;
const unknown = chosen.filter((area) => !AREAS.includes(area));
if (unknown.length) {
  process.stderr.write(`bench: unknown area ${unknown.join(', ')} (the areas: ${AREAS.join(', ')})\n`);
  process.exit(2);
}

const log = (line) => process.stderr.write(`${line}\n`);
process.on('SIGINT', () => process.exit(130));

const report = createReport(log);
const ctx = await createContext({ root: ROOT, argv, report, log });
try {
  for (const area of AREAS.filter((name) => chosen.includes(name))) {
    const file = join(ROOT, 'bench', 'rows', `${area}.mjs`);
    if (!existsSync(file)) {
      log(`area ${area}: bench/rows/${area}.mjs is missing`);
      report.setArea(area);
      report.value(`${area}: its rows`, { ours: '-', baseline: '-', goal: 'measured', pass: false, note: `bench/rows/${area}.mjs is missing` });
      continue;
    }
    log(`\n== ${area}`);
    report.setArea(area);
    const { default: run } = await import(pathToFileURL(file).href);
    await run(ctx);
    ctx.stack.setDelay(ctx.DELAY_MS); // whatever a row set it to, the next area starts at the usual delay
  }
} finally {
  await ctx.close();
}

process.stdout.write(`\n${report.table()}\n`);
const failed = report.failed();
if (failed.length) {
  process.stdout.write(`\n${failed.length} goal${failed.length > 1 ? 's' : ''} missed: ${failed.map((r) => r.row).join('; ')}\n`);
  process.exitCode = 1;
} else process.stdout.write('\nEvery goal met.\n');
