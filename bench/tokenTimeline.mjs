// Where a fresh `token`'s time goes: spawn → first call, between the calls, last answer → exit,
// from the stack's call log (each call's arrival and answer) against the process's spawn and close.
// Not a goal row: the tool behind bench/README.md's "Where a fresh token's time goes" table.
//
//   node bench/tokenTimeline.mjs                      SRP sign-in, this checkout's bin/
//   node bench/tokenTimeline.mjs --refresh            renewal by the refresh token instead
//   node bench/tokenTimeline.mjs --runs 30 a/bin/mmbatch-auth.cjs b/bin/mmbatch-auth.cjs
//                                                     two builds, alternating, in one run
//
// Every AWS call is answered 50 ms late, as in the goal rows; medians of the runs after one warm-up.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PASSWORD, startTimelineWorld, timelineArgs } from './lib/timelineWorld.mjs';

const { runs, bins, flags } = timelineArgs();
const refresh = flags.has('--refresh');
const { stack, home, run, setup, stop } = await startTimelineWorld();

try {
  await setup(bins[0]);
  const cacheDir = join(home, '.cache', 'mmbatch-auth');
  const tokenFiles = () => readdirSync(cacheDir).filter((name) => /^token-\w+\.json$/.test(name)).map((name) => join(cacheDir, name));
  const kept = new Map(tokenFiles().map((file) => [file, readFileSync(file, 'utf8')]));
  const prepare = () => {
    for (const [file, text] of kept) {
      if (refresh) writeFileSync(file, JSON.stringify({ ...JSON.parse(text), expiresAt: Date.now() - 1000 }), { mode: 0o600 });
      else rmSync(file, { force: true });
    }
  };
  stack.setDelay(50);
  const samples = bins.map(() => ({ first: [], between: [], after: [], total: [] }));
  for (let i = 0; i <= runs; i++) {
    for (const [b, bin] of bins.entries()) {
      prepare();
      stack.resetCalls();
      const { spawned, closed } = await run(bin, ['token'], refresh ? {} : { MMBATCH_AUTH_PASSWORD: PASSWORD });
      const calls = stack.calls;
      const expected = refresh ? 'InitiateAuth' : 'InitiateAuth,RespondToAuthChallenge';
      if (calls.map((call) => call.operation).join() !== expected) throw new Error(`unexpected calls: ${calls.map((call) => call.operation).join()}`);
      if (i === 0) continue; // warm-up
      samples[b].first.push(calls[0].start - spawned);
      if (calls[1]) samples[b].between.push(calls[1].start - calls[0].end);
      samples[b].after.push(closed - calls[calls.length - 1].end);
      samples[b].total.push(closed - spawned);
    }
  }
  const median = (values) => {
    if (values.length === 0) return '-';
    const sorted = [...values].sort((x, y) => x - y);
    return `${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms`;
  };
  console.log(`${refresh ? 'refresh' : 'SRP sign-in'}, 50 ms per AWS call, medians of ${runs} alternating runs`);
  console.log('| build | spawn → first call | between the calls | last answer → exit | total |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const [b, bin] of bins.entries()) {
    const s = samples[b];
    console.log(`| ${bin} | ${median(s.first)} | ${median(s.between)} | ${median(s.after)} | ${median(s.total)} |`);
  }
} finally {
  await stop();
}
