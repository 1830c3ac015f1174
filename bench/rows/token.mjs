// `mmbatch-auth token` as a shell script runs it: from a cached token, and a fresh sign-in, each
// against its baseline; and `--help`, the start-up of the full CLI's launcher.
import { dirname, join } from 'node:path';
import { containsAwsSdk, staticClosure } from '../lib/imports.mjs';

/** @param {import('../lib/context.mjs').BenchContext} ctx */
export default async function run(ctx) {
  const { stack, ours, interleave, timeProcess, expectOk, report, log, isJwt, ADMIN, PASSWORD } = ctx;
  const nodeStart = async () => expectOk(await timeProcess(process.execPath, ['-e', '0'], { env: ctx.env() }), 'node -e 0').ms;

  // The pool the token rows sign in to, set up the usual way: it leaves a cached admin token.
  const home = ctx.newHome();
  await ctx.runSetup('bench-token', await ctx.newServer(), home);
  const target = ctx.settingsOf(home).setups['bench-token'].resources;

  {
    const runs = ctx.runs(30, 10);
    log(`cached token vs node -e 0 (${runs} runs each)`);
    stack.resetCalls();
    const samples = await interleave(runs, {
      ours: async () => {
        const result = expectOk(await ours(['token'], { env: home }), 'mmbatch-auth token');
        if (!isJwt(result.stdout)) throw new Error(`token printed ${JSON.stringify(result.stdout)}`);
        return result.ms;
      },
      node: nodeStart,
    });
    const calls = stack.calls.length;
    report.ratio('cached `token` / `node -e 0`', {
      ours: samples.ours,
      baseline: samples.node,
      against: 'node -e 0',
      goal: 1.2,
      pass: calls === 0,
      note: calls ? `${calls} AWS calls: the cache was not used` : 'no AWS call',
    });
  }

  if (ctx.aws) {
    const runs = ctx.runs(10, 4);
    log(`fresh sign-in vs aws cognito-idp admin-initiate-auth (${runs} runs each)`);
    const samples = await interleave(runs, {
      ours: async () => {
        const result = expectOk(await ours(['token', '--no-cache'], { env: { ...home, MMBATCH_AUTH_PASSWORD: PASSWORD } }), 'mmbatch-auth token --no-cache');
        if (!isJwt(result.stdout)) throw new Error(`token printed ${JSON.stringify(result.stdout)}`);
        return result.ms;
      },
      aws: async () => {
        const args = ['--endpoint-url', stack.endpoint, '--output', 'text', 'cognito-idp', 'admin-initiate-auth', '--user-pool-id', target.userPool.id, '--client-id', target.appClient.id];
        // The walkthrough's way: the password in argv. It is the baseline, not something we do.
        args.push('--auth-flow', 'ADMIN_USER_PASSWORD_AUTH', '--auth-parameters', `USERNAME=${ADMIN},PASSWORD=${PASSWORD}`, '--query', 'AuthenticationResult.AccessToken');
        const result = expectOk(await timeProcess(ctx.aws, args, { env: ctx.env() }), 'aws cognito-idp admin-initiate-auth');
        if (!isJwt(result.stdout)) throw new Error(`the AWS CLI printed ${JSON.stringify(result.stdout)}`);
        return result.ms;
      },
    });
    report.ratio('fresh `token` (SRP) / `aws cognito-idp admin-initiate-auth`', { ours: samples.ours, baseline: samples.aws, against: 'aws admin-initiate-auth', goal: 0.35 });
  } else report.skip('fresh `token` (SRP) / `aws cognito-idp admin-initiate-auth`', { baseline: 'aws admin-initiate-auth', goal: '≤ 0.35', note: ctx.noAws });

  {
    const runs = ctx.runs(30, 10);
    log(`--help vs node -e 0 (${runs} runs each)`);
    const loaded = staticClosure([ctx.bin, join(dirname(ctx.bin), '..', 'dist', 'cli.mjs')]);
    const sdk = containsAwsSdk(loaded.files);
    const samples = await interleave(runs, {
      ours: async () => {
        const result = expectOk(await ours(['--help']), 'mmbatch-auth --help');
        if (!result.stdout.includes('Usage: mmbatch-auth')) throw new Error('--help printed no usage');
        return result.ms;
      },
      node: nodeStart,
    });
    report.ratio('`--help` / `node -e 0`', {
      ours: samples.ours,
      baseline: samples.node,
      against: 'node -e 0',
      goal: 1.5,
      pass: !sdk,
      note: `loads ${loaded.files.length} files, ${(loaded.bytes / 1024).toFixed(0)} KiB${sdk ? ', INCLUDING THE AWS SDK' : ', no AWS SDK'}`,
    });
  }
}
