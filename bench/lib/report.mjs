// The results table of `npm run bench`: one row per goal of issue 12, each with its figures, the
// ratio against a baseline measured in the same run, the goal, and pass/FAIL. A row is only
// "pass" when its timing meets the goal and its checks (pass: false) did not fail.
import { median } from './timing.mjs';

const ms = (value) => `${Math.round(value)} ms`;
const mark = (pass) => (pass === undefined ? 'skipped' : pass ? 'pass' : 'FAIL');

export function createReport(log) {
  /** @type {{ area: string, row: string, ours: string, baseline: string, ratio: string, goal: string, pass: boolean | undefined, note?: string }[]} */
  const rows = [];
  let area = '';
  return {
    rows,
    /** The area (bench/rows/<area>.mjs) whose rows are being added: the table keeps the areas' order. */
    setArea(name) {
      area = name;
    },
    /**
     * A timed row: medians of ours and of the baseline, and their ratio against the goal.
     * @param {string} row
     * @param {{ ours: number[], baseline: number[], against: string, goal: number, pass?: boolean, note?: string }} figures
     *   pass: false fails the row whatever the ratio (a check beside the timing, e.g. write calls)
     */
    ratio(row, { ours, baseline, against, goal, pass = true, note }) {
      const ratio = median(ours) / median(baseline);
      rows.push({
        area,
        row,
        ours: `${ms(median(ours))} (n=${ours.length})`,
        baseline: `${ms(median(baseline))} (n=${baseline.length}) ${against}`,
        ratio: ratio.toFixed(3),
        goal: `≤ ${goal}`,
        pass: ratio <= goal && pass,
        note,
      });
      log(`  → ${row}: ${ms(median(ours))} vs ${ms(median(baseline))}, ratio ${ratio.toFixed(3)} (goal ≤ ${goal})${pass ? '' : ' — a check FAILED'}`);
    },
    /** A row whose figures are not one ratio of medians (counts, sizes, several checks). */
    value(row, { ours, baseline, ratio = '-', goal, pass, note }) {
      rows.push({ area, row, ours, baseline, ratio, goal, pass, note });
      log(`  → ${row}: ${ours} vs ${baseline} (goal ${goal}): ${mark(pass)}`);
    },
    /** A row that could not run here (e.g. no AWS CLI): shown, neither passed nor failed. */
    skip(row, { baseline, goal, note }) {
      rows.push({ area, row, ours: '-', baseline, ratio: '-', goal, pass: undefined, note });
      log(`  → ${row}: skipped (${note})`);
    },
    /** The Markdown table, as the README shows it. */
    table() {
      return [
        '| row | ours (median) | baseline (median) | ratio | goal | result |',
        '| --- | --- | --- | --- | --- | --- |',
        ...rows.map((r) => `| ${r.row} | ${r.ours} | ${r.baseline} | ${r.ratio} | ${r.goal} | ${mark(r.pass)}${r.note ? `: ${r.note}` : ''} |`),
      ].join('\n');
    },
    failed() {
      return rows.filter((r) => r.pass === false);
    },
  };
}
