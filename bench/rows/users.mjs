// `users add --from` at two sizes against the AWS CLI script an operator would write
// (bench/users-add.sh). The script takes over a second a person, so it is timed on a small batch
// and its per-person median scaled to the size compared (said in the row).
// `users list` at two sizes against its limit (node's start plus the longest chain of dependent
// calls of that very run) and against the AWS CLI's `list-users` paging the same pool.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { longestChainMs, roundsOf } from '../lib/limit.mjs';

const SIZES = [20, 100];
const AWS_BATCH = 5;
const LIST_SIZES = [300, 3000];

/** @param {import('../lib/context.mjs').BenchContext} ctx */
export default async function run(ctx) {
  await addRows(ctx);
  await listRows(ctx);
}

/** @param {import('../lib/context.mjs').BenchContext} ctx */
async function addRows(ctx) {
  const { stack, report, log, median, expectOk, timeProcess } = ctx;
  const home = ctx.newHome();
  await ctx.runSetup('bench-users', await ctx.newServer(), home);
  const userPoolId = ctx.settingsOf(home).setups['bench-users'].resources.userPool.id;
  let batch = 0;
  const peopleFile = (n) => {
    const file = join(home.XDG_CONFIG_HOME, `people-${++batch}.csv`);
    const emails = Array.from({ length: n }, (_, i) => `b${batch}-p${i}@example.com`);
    writeFileSync(file, ['email,admin', ...emails.map((email, i) => `${email},${i % 10 === 0 ? 'yes' : 'no'}`)].join('\n'));
    return { file, emails };
  };
  const runs = ctx.runs(3, 1);
  const ours = {};
  for (const size of SIZES) {
    ours[size] = [];
    for (let i = 0; i < runs; i++) {
      const { file } = peopleFile(size);
      stack.resetCalls();
      const result = expectOk(await ctx.ours(['users', 'add', '--from', file, '--json', '--name', 'bench-users'], { env: home }), `users add --from (${size})`);
      const doc = JSON.parse(result.stdout);
      const made = stack.calls.filter((call) => call.cli && call.operation === 'AdminCreateUser' && call.status === 200).length;
      if (doc.created !== size || made !== size) throw new Error(`users add --from ${size}: ${doc.created} reported, ${made} made`);
      ours[size].push(result.ms);
    }
    log(`  users add --from, ${size} people: ${Math.round(median(ours[size]))} ms`);
  }
  const [small, big] = SIZES;
  if (!ctx.aws) {
    report.skip(`\`users add\` of ${big} people from a file / the AWS CLI script`, { baseline: 'AWS CLI script', goal: '≤ 0.03', note: `${ctx.noAws}; ours ${Math.round(median(ours[big]))} ms (${small}: ${Math.round(median(ours[small]))} ms)` });
    return;
  }
  const perPerson = [];
  for (let i = 0; i < ctx.runs(2, 1); i++) {
    const { file } = peopleFile(AWS_BATCH);
    const result = expectOk(await timeProcess('bash', [join(ctx.root, 'bench', 'users-add.sh')], { env: ctx.env({ AWS_BIN: ctx.aws, PEOPLE_FILE: file, USER_POOL_ID: userPoolId }) }), 'the AWS CLI script');
    perPerson.push(result.ms / AWS_BATCH);
  }
  const script = median(perPerson) * big;
  report.ratio(`\`users add\` of ${big} people from a file / the AWS CLI script`, {
    ours: ours[big],
    baseline: [script],
    against: `AWS CLI script (${Math.round(median(perPerson))} ms a person, timed on ${AWS_BATCH}, × ${big})`,
    goal: 0.03,
    note: `${small} people: ${Math.round(median(ours[small]))} ms; every person checked made`,
  });
}

/** @param {import('../lib/context.mjs').BenchContext} ctx */
async function listRows(ctx) {
  const { stack, report, log, median, expectOk, timeProcess, interleave } = ctx;
  const home = ctx.newHome();
  const { doc } = await ctx.runSetup('bench-list', await ctx.newServer(), home);
  const userPoolId = doc.userPoolId;
  const runs = ctx.runs(5, 3);
  /** @type {Record<number, { ours: number[], node: number[], chains: number[], rounds: number[], aws: number[] }>} */
  const figures = {};
  let seeded = 0;
  for (const size of LIST_SIZES) {
    await stack.seedUsers(userPoolId, size - seeded, { emailPrefix: `listed-${size}-` });
    seeded = size;
    const expected = size + 1; // and the setup's admin
    const f = (figures[size] = { ours: [], node: [], chains: [], rounds: [], aws: [] });
    log(`users list of ${size} users (and the admin): ours, node -e 0${ctx.aws ? ', aws cognito-idp list-users' : ''} (${runs} rounds)`);
    const samples = await interleave(runs, {
      ours: async (round) => {
        stack.resetCalls();
        const result = expectOk(await ctx.ours(['users', 'list', '--json', '--name', 'bench-list'], { env: home }), `users list (${size})`);
        const users = JSON.parse(result.stdout);
        const admin = users.find((user) => user.email === ctx.ADMIN);
        if (users.length !== expected || !admin?.groups.includes('admin')) throw new Error(`users list ${size}: ${users.length} users, the admin's groups ${JSON.stringify(admin?.groups)}`);
        if (round >= 0) {
          f.chains.push(longestChainMs(stack.calls));
          f.rounds.push(roundsOf(stack.calls).length);
        }
        return result.ms;
      },
      node: async () => expectOk(await timeProcess(process.execPath, ['-e', '0'], { env: ctx.env() }), 'node -e 0').ms,
      ...(ctx.aws
        ? {
            aws: async () => {
              const result = expectOk(
                await timeProcess(ctx.aws, ['--endpoint-url', stack.endpoint, 'cognito-idp', 'list-users', '--user-pool-id', userPoolId, '--output', 'json'], { env: ctx.env() }),
                'aws cognito-idp list-users',
              );
              const listed = JSON.parse(result.stdout).Users?.length;
              if (listed !== expected) throw new Error(`aws cognito-idp list-users ${size}: ${listed} users`);
              return result.ms;
            },
          }
        : {}),
    });
    f.ours = samples.ours;
    f.node = samples.node;
    f.aws = samples.aws ?? [];
    log(`  ${size} users: ours ${Math.round(median(f.ours))} ms in ${median(f.rounds)} rounds, limit ${Math.round(median(f.node) + median(f.chains))} ms${ctx.aws ? `, aws ${Math.round(median(f.aws))} ms` : ''}`);
  }
  const [small, big] = LIST_SIZES;
  const limits = (size) => figures[size].chains.map((chain) => median(figures[size].node) + chain);
  const growth = (size) => `${Math.round(median(figures[size].ours))} ms, ${median(figures[size].rounds)} rounds`;
  report.ratio(`\`users list\` of ${big} users / its limit (node + the chain of dependent calls, measured)`, {
    ours: figures[big].ours,
    baseline: limits(big),
    against: 'node -e 0 + the longest chain of that run',
    goal: 1.3,
    note: `${median(figures[big].rounds)} rounds (the ListUsers pages: ${Math.ceil((big + 1) / 60)}); ${small} users: ${growth(small)}, ratio ${(median(figures[small].ours) / median(limits(small))).toFixed(3)}`,
  });
  const awsRow = `\`users list\` of ${big} users / \`aws cognito-idp list-users\` of the same pool`;
  if (!ctx.aws) {
    report.skip(awsRow, { baseline: 'aws cognito-idp list-users', goal: '≤ 1.0', note: ctx.noAws });
    return;
  }
  report.ratio(awsRow, {
    ours: figures[big].ours,
    baseline: figures[big].aws,
    against: 'aws cognito-idp list-users (pages every user, no groups)',
    goal: 1.0,
    note: `with each user's groups; ${small} users: ours ${Math.round(median(figures[small].ours))} ms, aws ${Math.round(median(figures[small].aws))} ms`,
  });
}
