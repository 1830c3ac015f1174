// `setup` from nothing and again, every AWS call answered DELAY_MS late, against the walkthrough
// scripted with the AWS CLI (bench/walkthrough.sh); and the critical path, counted.
import { join } from 'node:path';
import { sequentialWaves } from '../lib/waves.mjs';
import { criticalPath } from '../../test/support/critical-path.mjs';
import { longestChainMs, roundsOf } from '../lib/limit.mjs';
import { scalingRows } from './setupScaling.mjs';
import { DEFAULT_IAM_PROPAGATION_MS } from '../../test/support/stack.mjs';

/** @param {import('../lib/context.mjs').BenchContext} ctx */
export default async function run(ctx) {
  const { stack, interleave, timeProcess, expectOk, report, log, median, DELAY_MS } = ctx;
  // IAM's propagation window (a new role unusable for a while) is AWS's time, which no client can
  // save and the limit does not count; the stack's emulated one would only add its own length
  // (and our retry's step) to one side. Off here, as in test/setupCriticalPath.test.ts; the wait
  // itself is tested in test/faults-aws.test.ts.
  stack.setIamPropagationMs(0);
  // The home that "setup again" re-runs in, set up once before the clock starts.
  const againServer = await ctx.newServer();
  const againHome = ctx.newHome();
  await ctx.runSetup('bench-again', againServer, againHome);

  const rounds = ctx.runs(7, 3);
  const againPerRound = ctx.runs(3, 2);
  log(`setup from nothing / again vs the AWS CLI walkthrough, every AWS call delayed ${DELAY_MS} ms (${rounds} rounds)`);
  let writes = 0; // by the "again" runs, each counted alone
  const chains = []; // each setup from nothing's longest chain of AWS calls, from the call log
  const nodeStarts = [];
  const samples = await interleave(rounds, {
    node: async () => {
      const result = expectOk(await timeProcess(process.execPath, ['-e', '0'], { env: ctx.env() }), 'node -e 0');
      nodeStarts.push(result.ms);
      return result.ms;
    },
    // The same with no code cache at all: the first run of the tool on a machine (for the note).
    fromNothingCold: async (round) => (await ctx.runSetup(`bench-cold-${round < 0 ? 'w' : round}`, await ctx.newServer(), ctx.newHome({ codeCache: false }))).ms,
    fromNothing: async (round) => {
      stack.resetCalls();
      const { ms, doc } = await ctx.runSetup(`bench-new-${round < 0 ? 'w' : round}`, await ctx.newServer(), ctx.newHome());
      // The server is never "created": a setup from nothing switches it on (updated).
      const made = doc.changes.every((change) => change.action === (change.resource === 'server' ? 'updated' : 'created'));
      if (!made || !doc.server?.enabled) {
        throw new Error(`setup from nothing did not create everything: ${JSON.stringify(doc.changes)}`);
      }
      chains.push(longestChainMs(stack.calls));
      return ms;
    },
    // Cheap next to the walkthrough: a few runs per round.
    again: async () => {
      const took = [];
      for (let i = 0; i < againPerRound; i++) {
        stack.resetCalls();
        const result = await ctx.runSetup('bench-again', againServer, againHome);
        if (!result.doc.changes.every((change) => change.action === 'unchanged')) throw new Error(`setup again changed things: ${JSON.stringify(result.doc.changes)}`);
        writes += stack.writeCalls().length;
        took.push(result.ms);
      }
      return took;
    },
    ...(ctx.aws
      ? {
          walkthrough: async (round) => {
            const server = await ctx.newServer();
            const result = expectOk(
              await timeProcess('bash', [join(ctx.root, 'bench', 'walkthrough.sh')], {
                env: ctx.env({ AWS_BIN: ctx.aws, NAME: `walk-${round < 0 ? 'w' : round}`, ADMIN_EMAIL: ctx.ADMIN, ADMIN_PASSWORD: ctx.PASSWORD, MMBATCH_SERVER: server.url }),
              }),
              'the AWS CLI walkthrough',
            );
            if (server.config.security?.cognito?.enabled !== true) throw new Error('the walkthrough did not enable Cognito on the server');
            return result.ms;
          },
        }
      : {}),
  });

  // The critical path, counted: with a long delay, calls that wait for each other are far apart.
  const WAVE_DELAY_MS = 300;
  stack.setDelay(WAVE_DELAY_MS);
  stack.resetCalls();
  await ctx.runSetup('bench-path', await ctx.newServer(), ctx.newHome());
  const pathFromNothing = sequentialWaves(stack.calls, WAVE_DELAY_MS);
  // The count that passes or fails: the longest chain of calls each started after the one before
  // had answered (as test/setupCriticalPath.test.ts counts). The waves above group calls by arrival,
  // which a stall of our own on a busy machine can split in two; they only describe the path.
  const chainFromNothing = criticalPath(stack.calls);
  stack.resetCalls();
  await ctx.runSetup('bench-again', againServer, againHome);
  const pathAgain = sequentialWaves(stack.calls, WAVE_DELAY_MS);
  stack.setDelay(DELAY_MS);
  const describeWaves = (waves) => waves.map((wave, i) => `    ${i + 1}. ${wave.join(', ')}`).join('\n');
  log(`  critical path, setup from nothing: ${chainFromNothing.length} dependent AWS calls (${chainFromNothing.join(' → ')}); by arrival:\n${describeWaves(pathFromNothing)}`);
  log(`  critical path, setup again: ${pathAgain.length} sequential AWS calls\n${describeWaves(pathAgain)}`);
  const pathNote = (waves) => `critical path: ${waves.length} sequential AWS calls (of ${waves.flat().length})`;

  // Its limit: node's start plus the longest chain of dependent AWS calls, as long as they took.
  const nodeMedian = median(samples.node);
  report.ratio('setup from nothing / its limit (node + critical-path rounds, measured)', {
    ours: samples.fromNothing,
    baseline: chains.map((chain) => nodeMedian + chain),
    against: 'node -e 0 + the critical path',
    goal: 1.15,
    pass: chainFromNothing.length <= 6,
    note: `${chainFromNothing.length} rounds (goal 6 or fewer); the first run on a machine (no code cache): ${Math.round(median(samples.fromNothingCold))} ms`,
  });

  {
    const runs = ctx.runs(15, 5);
    log(`status with a settings file vs its limit (${runs} runs each)`);
    const statusChains = [];
    const statusRounds = [];
    const statusSamples = await interleave(runs, {
      ours: async () => {
        stack.resetCalls();
        const result = await ctx.ours(['status', '--json', '--name', 'bench-again'], { env: againHome });
        if (result.code !== 0) throw new Error(`status exited ${result.code}: ${result.stderr.trim()}`);
        statusChains.push(longestChainMs(stack.calls));
        statusRounds.push(roundsOf(stack.calls).length);
        return result.ms;
      },
      node: async () => expectOk(await timeProcess(process.execPath, ['-e', '0'], { env: ctx.env() }), 'node -e 0').ms,
    });
    const limit = median(statusSamples.node);
    const rounds = Math.max(...statusRounds);
    report.ratio('`status` with a settings file / its limit', {
      ours: statusSamples.ours,
      baseline: statusChains.map((chain) => limit + chain),
      against: 'node -e 0 + its one round',
      goal: 1.3,
      pass: rounds === 1,
      note: `${rounds} AWS round${rounds === 1 ? '' : 's'} (goal 1)`,
    });
  }

  if (ctx.aws) {
    const against = 'AWS CLI walkthrough';
    report.ratio('setup from nothing / the AWS CLI walkthrough', { ours: samples.fromNothing, baseline: samples.walkthrough, against, goal: 0.15, note: `critical path: ${chainFromNothing.length} dependent AWS calls (of ${pathFromNothing.flat().length})` });
    report.ratio('setup again / the AWS CLI walkthrough', { ours: samples.again, baseline: samples.walkthrough, against, goal: 0.04, pass: writes === 0, note: `${writes} write calls; ${pathNote(pathAgain)}` });
  } else {
    report.skip('setup from nothing / the AWS CLI walkthrough', { baseline: 'AWS CLI walkthrough', goal: '≤ 0.15', note: `${ctx.noAws}; ours ${Math.round(median(samples.fromNothing))} ms` });
    report.value('setup again / the AWS CLI walkthrough', { ours: `${Math.round(median(samples.again))} ms`, baseline: 'AWS CLI walkthrough', goal: '≤ 0.04, zero writes', pass: writes === 0, note: `${writes} write calls; no ratio: ${ctx.noAws}` });
  }

  stack.setIamPropagationMs(DEFAULT_IAM_PROPAGATION_MS);
  await scalingRows(ctx);
}
