// setup (again), status and teardown from a machine with no settings file, `--server` given, in an
// empty account and in one of 500 user pools and 500 identity pools: the server names the setup's
// IDs, so the work must not grow with the account (goal: ≤ 1.05 × the empty account).
const SIZES = [0, 500];

/** @param {import('../lib/context.mjs').BenchContext} ctx */
export async function scalingRows(ctx) {
  const { interleave, report, log, expectOk } = ctx;
  const accounts = [];
  for (const size of SIZES) {
    const stack = await ctx.newStack();
    if (size) {
      log(`seeding an account of ${size} user pools and ${size} identity pools`);
      await stack.seedUserPools(size, { namePrefix: 'crowd-' });
      await stack.seedIdentityPools(size, { namePrefix: 'crowd-' });
    }
    stack.setDelay(ctx.DELAY_MS);
    const server = await ctx.newServer(stack);
    await ctx.runSetup('scale', server, ctx.newHome(), stack);
    accounts.push({ size, stack, server });
  }
  const elsewhere = (account, args, extra = {}) =>
    ctx.ours([...args, '--name', 'scale', '--server', account.server.url], { env: { ...ctx.newHome(), ...extra }, stack: account.stack });

  const runs = ctx.runs(7, 3);
  const measure = async (what, run) => {
    log(`${what}: empty account vs ${SIZES[1]} pools, no settings file, --server given (${runs} runs each)`);
    const contestants = Object.fromEntries(accounts.map((account) => [String(account.size), () => run(account)]));
    return interleave(runs, contestants);
  };
  const row = (what, samples, note) =>
    report.ratio(`${what} in an account of ${SIZES[1]} pools, \`--server\` given, no settings file / the same in an empty account`, {
      ours: samples[String(SIZES[1])],
      baseline: samples[String(SIZES[0])],
      against: 'empty account',
      goal: 1.05,
      note,
    });

  const listCalls = (account) => account.stack.calls.filter((call) => call.cli && /^List(UserPools|IdentityPools)$/.test(call.operation)).length;
  let paging = 0;
  const status = await measure('status', async (account) => {
    account.stack.resetCalls();
    const result = await elsewhere(account, ['status', '--json']);
    if (result.code !== 0) throw new Error(`status exited ${result.code}: ${result.stderr.trim()}`);
    if (account.size) paging += listCalls(account);
    return result.ms;
  });
  row('`status`', status, `${paging} List* calls in the big account`);

  paging = 0;
  const again = await measure('setup again', async (account) => {
    account.stack.resetCalls();
    const result = expectOk(await elsewhere(account, ['setup', '--yes', '--json', '--admin-email', ctx.ADMIN], { MMBATCH_AUTH_PASSWORD: ctx.PASSWORD }), 'setup again, no settings file');
    const { changes } = JSON.parse(result.stdout);
    if (!changes.every((change) => change.action === 'unchanged')) throw new Error(`setup again changed things: ${JSON.stringify(changes)}`);
    if (account.size) paging += listCalls(account);
    return result.ms;
  });
  row('`setup` again', again, `${paging} List* calls in the big account`);

  paging = 0;
  const teardown = await measure('teardown', async (account) => {
    account.stack.resetCalls();
    const result = expectOk(await elsewhere(account, ['teardown', '--yes', '--json', '--username', ctx.ADMIN], { MMBATCH_AUTH_PASSWORD: ctx.PASSWORD }), 'teardown, no settings file');
    if (account.size) paging += listCalls(account);
    if (account.server.config.security?.cognito?.enabled !== false) throw new Error('teardown left Cognito on at the server');
    // The next sample tears down a setup again: made now, off the clock.
    await ctx.runSetup('scale', account.server, ctx.newHome(), account.stack);
    return result.ms;
  });
  row('`teardown`', teardown, `${paging} List* calls in the big account`);
}
