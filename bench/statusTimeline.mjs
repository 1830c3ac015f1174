// Where `status`'s time goes: spawn → its first AWS call, how far apart its calls leave (one round:
// they should leave together), last answer → exit, from the stack's call log against the process's
// spawn and close. Not a goal row: the tool behind bench/README.md's "Where status's time goes".
//
//   node bench/statusTimeline.mjs                      this checkout's bin/
//   node bench/statusTimeline.mjs --runs 21 a/bin/mmbatch-auth.cjs b/bin/mmbatch-auth.cjs
//                                                      two builds, alternating, in one run
//
// Every AWS call is answered 50 ms late, as in the goal rows; medians of the runs after one warm-up
// (which also leaves each build's code cache in the shared home, as on a machine that ran it before).
import { median } from './lib/timing.mjs';
import { startTimelineWorld, timelineArgs } from './lib/timelineWorld.mjs';

const { runs, bins } = timelineArgs();
const { stack, run, setup, stop } = await startTimelineWorld();

try {
  await setup(bins[0]);
  stack.setDelay(50);
  const samples = bins.map(() => ({ first: [], spread: [], after: [], total: [] }));
  for (let i = 0; i <= runs; i++) {
    const order = i % 2 ? [...bins.keys()].reverse() : [...bins.keys()];
    for (const b of order) {
      stack.resetCalls();
      const { spawned, closed } = await run(bins[b], ['status']);
      const calls = stack.calls;
      if (calls.length === 0) throw new Error('status made no AWS call');
      if (i === 0) continue; // warm-up
      const starts = calls.map((call) => call.start);
      samples[b].first.push(Math.min(...starts) - spawned);
      samples[b].spread.push(Math.max(...starts) - Math.min(...starts));
      samples[b].after.push(closed - Math.max(...calls.map((call) => call.end)));
      samples[b].total.push(closed - spawned);
    }
  }
  const ms = (values) => `${median(values).toFixed(1)} ms`;
  console.log(`status, 50 ms per AWS call, medians of ${runs} alternating runs`);
  console.log('| build | spawn → first call | first → last call leaves | last answer → exit | total |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const [b, bin] of bins.entries()) {
    const s = samples[b];
    console.log(`| ${bin} | ${ms(s.first)} | ${ms(s.spread)} | ${ms(s.after)} | ${ms(s.total)} |`);
  }
} finally {
  await stop();
}
