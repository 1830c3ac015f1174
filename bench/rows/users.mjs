// `users add --from` at two sizes against the AWS CLI script an operator would write
// (bench/users-add.sh). The script takes over a second a person, so it is timed on a small batch
// and its per-person median scaled to the size compared (said in the row).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SIZES = [20, 100];
const AWS_BATCH = 5;

/** @param {import('../lib/context.mjs').BenchContext} ctx */
export default async function run(ctx) {
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
