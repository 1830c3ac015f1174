// `teardown`: deletes what setup created, in reverse order (the server's Cognito off first, then
// identity pool, role, client, pool), after showing the list and asking. Only what this tool
// created is touched (settings file record or managed-by tags); a --role-arn role never. Deletion
// protection is lifted only after confirmation. Idempotent: a second run finds nothing to delete.
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { writeJson, writeLine } from '../../cli/io/streams.js';
import { createProgress } from '../../cli/io/progress.js';
import { expectedSetup, resolveBase } from '../../inventory/expected.js';
import { readInventory } from '../../inventory/read.js';
import { RESOURCE_LABEL } from '../../inventory/labels.js';
import { describeStep, planTeardown, type KeptResource, type TeardownStep } from '../../teardown/plan.js';
import { applyTeardown } from '../../teardown/apply.js';
import { forgetWhatIsGone } from '../../teardown/forgetGone.js';
import { serverClientFrom } from '../../server/connect.js';
import { notImplemented } from '../shared.js';
import type { TeardownOptions } from './spec.js';
import { validateEmail } from '../../validate.js';

export async function run(options: TeardownOptions, ctx: Context): Promise<void> {
  if (options.noServer) throw notImplemented('teardown --no-server');
  const { dryRun, yes, json } = ctx.globals;
  // Refuse before reading anything: a script learns at once that it must say --yes.
  if (!dryRun && !yes && !ctx.interactive) {
    throw new UsageError('teardown deletes resources and cannot ask for confirmation here: pass --yes', {
      hint: 'or --dry-run to see what it would delete',
    });
  }
  const recorded = ctx.settings.load();
  const base = resolveBase(recorded, options.name);
  const username = options.username !== undefined ? validateEmail(options.username) : recorded.adminUsername;
  const server = serverClientFrom(ctx, options, recorded.serverUrl);
  const aws = await ctx.aws();
  const expected = expectedSetup(recorded, base, aws.region, ctx.settings.path);
  const inventory = await readInventory(aws, expected, server, { rolePolicies: true });
  const { steps, kept } = planTeardown(inventory, expected);

  if (!json) printPlan(ctx, steps, kept);
  if (steps.length === 0 && !dryRun) forgetWhatIsGone(ctx, expected, inventory);
  if (steps.length === 0 || dryRun) {
    if (json) writeJson(ctx.io, { actions: steps.map((step) => action(step, false)), kept, ...(dryRun ? { dryRun: true } : {}) });
    return;
  }
  if (!yes) {
    const confirmed = await ctx.prompter.confirm({ message: `Delete ${steps.length === 1 ? 'this' : `these ${steps.length}`}? This cannot be undone.`, default: false });
    if (!confirmed) {
      ctx.log.info('teardown cancelled: nothing was changed');
      if (json) writeJson(ctx.io, { actions: steps.map((step) => action(step, false)), kept, cancelled: true });
      return;
    }
  }

  forgetWhatIsGone(ctx, expected, inventory);
  const progress = createProgress(ctx);
  try {
    await applyTeardown(ctx, steps, { aws, server, expected, admin: { username, passwordStdin: options.passwordStdin }, progress });
  } finally {
    progress.stop();
  }
  if (json) writeJson(ctx.io, { actions: steps.map((step) => action(step, true)), kept });
  else writeLine(ctx.io.out, `\nDone: ${steps.length} ${steps.length === 1 ? 'step' : 'steps'}; the settings file no longer names what was deleted.`);
}

function action(step: TeardownStep, done: boolean): { resource: string; id: string; action: string } {
  const verb = step.resource === 'server' ? 'disable' : 'delete';
  return { resource: step.resource, id: step.id, action: done ? `${verb}d` : verb };
}

function printPlan(ctx: Context, steps: TeardownStep[], kept: KeptResource[]): void {
  const out = ctx.io.out;
  if (steps.length === 0) writeLine(out, 'Nothing to delete: no resource created by mmbatch-auth was found.');
  else {
    writeLine(out, `teardown ${ctx.globals.dryRun ? 'would' : 'will'}, in this order:`);
    steps.forEach((step, index) => writeLine(out, `  ${index + 1}. ${describeStep(step)}`));
  }
  if (kept.length) {
    writeLine(out, 'Kept:');
    for (const resource of kept) writeLine(out, `  ${RESOURCE_LABEL[resource.resource]} ${resource.id}: ${resource.reason}`);
  }
}
