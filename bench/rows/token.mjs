// `mmbatch-auth token` as a shell script runs it: from a cached token, a fresh SRP sign-in and a
// refresh, each against its baseline (node's start-up; curl sending the same calls); 20 scripts at
// once on a cold cache (how many sign-ins); and `--help`, the start-up of the full CLI's launcher.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSrpSession, signSrpSession, wrapAuthChallenge, wrapInitiateAuth } from 'cognito-srp-helper';
import { containsAwsSdk, staticClosure } from '../lib/imports.mjs';

const tokenFilesOf = (home) => {
  const dir = join(home.XDG_CACHE_HOME, 'mmbatch-auth');
  return readdirSync(dir).filter((name) => /^token-\w+\.json$/.test(name)).map((name) => join(dir, name));
};

/** @param {import('../lib/context.mjs').BenchContext} ctx */
export default async function run(ctx) {
  const { stack, ours, interleave, timeProcess, expectOk, report, log, isJwt, median, ADMIN, PASSWORD } = ctx;
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

  // curl, the baseline of the fresh rows: one curl process per call, each sending the body that call
  // takes (the same operations, fields and sizes our run sends: for SRP an A of Cognito's group, then
  // the PASSWORD_VERIFIER answer to that very exchange, computed between the two, untimed).
  const curl = async (operation, body) => {
    const args = ['-sS', '-X', 'POST', stack.endpoint, '-H', 'Content-Type: application/x-amz-json-1.1'];
    args.push('-H', `X-Amz-Target: AWSCognitoIdentityProviderService.${operation}`, '--data-binary', '@-');
    const result = expectOk(await timeProcess('curl', args, { env: ctx.env(), stdin: JSON.stringify(body) }), `curl ${operation}`);
    return { ms: result.ms, answer: JSON.parse(result.stdout) };
  };
  const clientId = target.appClient.id;
  const poolId = target.userPool.id;

  {
    const runs = ctx.runs(15, 5);
    log(`fresh SRP sign-in vs curl of InitiateAuth + RespondToAuthChallenge (${runs} runs each)`);
    // A script's cold start: no token kept yet (the JWKS setup kept stays, as after any sign-in).
    const unexpected = [];
    const samples = await interleave(runs, {
      ours: async () => {
        for (const file of tokenFilesOf(home)) rmSync(file);
        stack.resetCalls();
        const result = expectOk(await ours(['token'], { env: { ...home, MMBATCH_AUTH_PASSWORD: PASSWORD } }), 'mmbatch-auth token (SRP)');
        if (!isJwt(result.stdout)) throw new Error(`token printed ${JSON.stringify(result.stdout)}`);
        const calls = stack.calls.map((call) => call.operation).join(', ');
        if (calls !== 'InitiateAuth, RespondToAuthChallenge') unexpected.push(calls);
        return result.ms;
      },
      curl: async () => {
        const session = createSrpSession(ADMIN, PASSWORD, poolId, false);
        const first = await curl('InitiateAuth', wrapInitiateAuth(session, { ClientId: clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: ADMIN, CHALLENGE_NAME: 'SRP_A' } }));
        const signed = signSrpSession(session, first.answer);
        const second = await curl(
          'RespondToAuthChallenge',
          wrapAuthChallenge(signed, {
            ClientId: clientId,
            ChallengeName: 'PASSWORD_VERIFIER',
            ChallengeResponses: { USERNAME: first.answer.ChallengeParameters.USER_ID_FOR_SRP },
            Session: first.answer.Session,
          }),
        );
        if (!isJwt(`${second.answer.AuthenticationResult?.AccessToken}\n`)) throw new Error(`curl's sign-in got ${JSON.stringify(second.answer).slice(0, 200)}`);
        return first.ms + second.ms;
      },
    });
    const expected = unexpected.length === 0;
    report.ratio('fresh `token` (SRP) / a `curl` of the two same calls', {
      ours: samples.ours,
      baseline: samples.curl,
      against: 'curl InitiateAuth + curl RespondToAuthChallenge',
      goal: 1.35,
      pass: expected,
      note: expected ? 'each run: InitiateAuth + RespondToAuthChallenge, a valid JWT' : `unexpected calls: ${unexpected[0]}`,
    });
  }

  {
    const runs = ctx.runs(15, 5);
    log(`fresh token by refresh vs curl of InitiateAuth REFRESH_TOKEN_AUTH (${runs} runs each)`);
    expectOk(await ours(['token'], { env: { ...home, MMBATCH_AUTH_PASSWORD: PASSWORD } }), 'mmbatch-auth token');
    const [file] = tokenFilesOf(home);
    const { refreshToken } = JSON.parse(readFileSync(file, 'utf8'));
    const unexpected = [];
    const samples = await interleave(runs, {
      ours: async () => {
        // The access token lapsed; the refresh token is good (what a script meets every hour).
        const record = JSON.parse(readFileSync(file, 'utf8'));
        writeFileSync(file, JSON.stringify({ ...record, expiresAt: Date.now() - 1000 }), { mode: 0o600 });
        stack.resetCalls();
        const result = expectOk(await ours(['token'], { env: home }), 'mmbatch-auth token (refresh)');
        if (!isJwt(result.stdout)) throw new Error(`token printed ${JSON.stringify(result.stdout)}`);
        const calls = stack.calls.map((call) => call.operation).join(', ');
        if (calls !== 'InitiateAuth') unexpected.push(calls);
        return result.ms;
      },
      curl: async () => {
        const { ms, answer } = await curl('InitiateAuth', { ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: refreshToken } });
        if (!isJwt(`${answer.AuthenticationResult?.AccessToken}\n`)) throw new Error(`curl's refresh got ${JSON.stringify(answer).slice(0, 200)}`);
        return ms;
      },
    });
    const expected = unexpected.length === 0;
    report.ratio('fresh `token` (refresh) / a `curl` of the same call', {
      ours: samples.ours,
      baseline: samples.curl,
      against: 'curl InitiateAuth REFRESH_TOKEN_AUTH',
      goal: 1.25,
      pass: expected,
      note: expected ? 'one InitiateAuth each, a valid JWT' : `unexpected calls: ${unexpected[0]}`,
    });
  }

  {
    const scripts = 20;
    log(`${scripts} concurrent cold \`token\` runs`);
    const cold = ctx.newHome();
    await ctx.runSetup('bench-token-cold', await ctx.newServer(), cold);
    for (const file of tokenFilesOf(cold)) rmSync(file);
    stack.resetCalls();
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: scripts }, () => ours(['token'], { env: { ...cold, MMBATCH_AUTH_PASSWORD: PASSWORD } })));
    const wall = performance.now() - started;
    const valid = results.filter((result) => result.code === 0 && isJwt(result.stdout)).length;
    const signIns = stack.calls.filter((call) => call.operation === 'InitiateAuth' || call.operation === 'AdminInitiateAuth').length;
    report.value(`${scripts} concurrent cold \`token\` runs`, {
      ours: `${signIns} sign-in${signIns === 1 ? '' : 's'}, ${valid}/${scripts} valid tokens, ${wall.toFixed(0)} ms in all`,
      baseline: `${scripts} sign-ins (one per process, before the lock)`,
      goal: '≤ 2 sign-ins, every token valid',
      pass: signIns <= 2 && valid === scripts,
    });
  }

  if (ctx.aws) {
    const runs = ctx.runs(10, 4);
    // Issue 5's row, measured as issue 5 set it: no delay added. Under issue 12's 50 ms a call, our
    // two calls against the AWS CLI's one make the ratio follow the machine's speed, not ours (on a
    // fast machine the AWS CLI's start-up shrinks while the 100 ms of delay stays): that figure
    // is in the row's note, not graded.
    const sample = () =>
      interleave(runs, {
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
    log(`fresh sign-in vs aws cognito-idp admin-initiate-auth, 50 ms a call (${runs} runs each, not graded)`);
    const delayed = await sample();
    log(`fresh sign-in vs aws cognito-idp admin-initiate-auth, no delay: issue 5's condition (${runs} runs each)`);
    stack.setDelay(0);
    let samples;
    try {
      samples = await sample();
    } finally {
      stack.setDelay(ctx.DELAY_MS);
    }
    const delayedNote = `no delay added, as issue 5 measured it; at ${ctx.DELAY_MS} ms a call: ${median(delayed.ours).toFixed(0)} ms vs ${median(delayed.aws).toFixed(0)} ms, ${(median(delayed.ours) / median(delayed.aws)).toFixed(3)}`;
    report.ratio('fresh `token` (SRP) / `aws cognito-idp admin-initiate-auth`', { ours: samples.ours, baseline: samples.aws, against: 'aws admin-initiate-auth', goal: 0.35, note: delayedNote });
  } else report.skip('fresh `token` (SRP) / `aws cognito-idp admin-initiate-auth`', { baseline: 'aws admin-initiate-auth', goal: '≤ 0.35', note: ctx.noAws });

  {
    const runs = ctx.runs(30, 10);
    log(`--help vs node -e 0 (${runs} runs each)`);
    // bin/ answers --help from dist/helpPages.cjs; the full CLI (dist/cli.cjs, which dist/launchCli.cjs
    // reads, never requires) is not reached.
    const loaded = staticClosure([ctx.bin]);
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
