// `teardown`: deletes what the setup created, in reverse order (the server's Cognito off first,
// then identity pool, role, pool), after showing the list and asking. What it adopted stays; a
// reused role only loses setup's own trust statement. It needs to know the server (recorded,
// --server, or --no-server: "no MMBatch server uses this pool"), and deletes nothing while a
// server that uses the pool could not be switched off. Idempotent: a second run finds nothing.
import type { Context } from '../../cli/context.js';
import { MissingValueError, UsageError } from '../../errors.js';
import { writeJson, writeLine } from '../../cli/io/streams.js';
import { createProgress } from '../../cli/io/progress.js';
import { requireSameRegion, selectSetup } from '../../config/selectedSetup.js';
import { ownedByOtherSetups } from '../../config/setupRecord.js';
import { labelOf } from '../../resources/registry.js';
import { serverClientFrom } from '../../server/connect.js';
import { validateEmail } from '../../validate.js';
import { applyTeardown, planTeardown, refuseBlockedTeardown, type KeptResource, type TeardownStep } from '../../workflows/teardown.js';
import type { Blocker } from '../../resources/plan.js';
import { lockSetup, resourceEnv } from '../../cli/workflowDeps.js';
import { adminAccessToken } from '../../auth/session.js';
import { deleteCachedTokens } from '../../auth/store/tokenCache.js';
import { deleteAwsCredentialsOfPool } from '../../auth/store/awsCredentials.js';
import type { TeardownOptions } from './spec.js';

export async function run(options: TeardownOptions, ctx: Context): Promise<void> {
  const { dryRun, yes, json } = ctx.globals;
  // Refuse before reading anything: a script learns at once that it must say --yes.
  if (!dryRun && !yes && !ctx.interactive) {
    throw new UsageError('teardown deletes resources and cannot ask for confirmation here: pass --yes', { hint: 'or --dry-run to see what it would delete' });
  }
  const givenUsername = options.username !== undefined ? validateEmail(options.username) : undefined;
  const selected = selectSetup(ctx.settings, options.name, ctx.env, !dryRun);
  const view = selected.view;
  const noServer = options.noServer === true;
  if (noServer && options.server) throw new UsageError('--server and --no-server say opposite things: pass one');
  const server = noServer ? undefined : serverClientFrom(ctx, options, view);
  if (!server && !noServer) {
    throw new UsageError(`teardown must know whether an MMBatch server uses the setup '${selected.name}'`, {
      hint: 'pass --server <url> (teardown turns Cognito off there first), or --no-server if no server uses it',
    });
  }
  const username = givenUsername ?? view.adminUsername;
  const aws = await ctx.aws();
  requireSameRegion(selected, aws.region);
  const lock = lockSetup(ctx, selected, 'teardown');
  try {
    const env = resourceEnv(ctx, aws);
    const target = { name: selected.name, region: aws.region, adminEmail: view.adminUsername, adminGroup: view.adminGroup ?? 'admin', server };
    const plan = await planTeardown({ env, record: selected.record, ownedElsewhere: ownedByOtherSetups(ctx.settings, selected.name) }, target);
    const { steps, kept, blocked, notes } = plan;
    for (const note of notes) ctx.log.warn(note);
    // Before the list and the question: "will delete" and "delete these?" would not be true.
    if (!dryRun) refuseBlockedTeardown(plan);
    if (!json) printPlan(ctx, steps, kept, blocked);
    if (steps.length === 0) {
      if (!dryRun) selected.record.remove();
      if (json) writeJson(ctx.io, { name: selected.name, actions: [], kept, ...(notes.length ? { notes } : {}), ...(dryRun ? { dryRun: true } : {}) });
      return;
    }
    if (dryRun) {
      if (json) writeJson(ctx.io, { name: selected.name, actions: steps.map((step) => action(step, false)), kept, ...(blocked.length ? { blocked } : {}), dryRun: true });
      // As setup's dry run: the plan, then the refusal the real run would meet (exit 2).
      refuseBlockedTeardown(plan);
      return;
    }
    if (!yes) {
      const confirmed = await ctx.prompter.confirm({ message: `Delete ${steps.length === 1 ? 'this' : `these ${steps.length}`}? This cannot be undone.`, default: false });
      if (!confirmed) {
        ctx.log.info('teardown cancelled: nothing was changed');
        if (json) writeJson(ctx.io, { name: selected.name, actions: steps.map((step) => action(step, false)), kept, cancelled: true });
        return;
      }
    }
    const progress = createProgress(ctx);
    try {
      await applyTeardown(
        {
          env,
          record: selected.record,
          progress,
          serverBearer: async (live) => {
            if (!username) {
              throw new MissingValueError(`an admin of user pool ${live.userPoolID} (the server uses it, so teardown turns Cognito off there first)`, '--username');
            }
            progress.stop();
            const tokens = await adminAccessToken(ctx, { userPoolId: live.userPoolID, clientId: live.clientID, username, passwordStdin: options.passwordStdin });
            return tokens.accessToken;
          },
          forgetTokens: (userPoolId, clientId) => {
            if (clientId && view.adminUsername) deleteCachedTokens(ctx.env, { region: aws.region, userPoolId, clientId, username: view.adminUsername });
            // The AWS credentials kept for the pool's users (aws-credentials) went with the pool and its identity pool.
            deleteAwsCredentialsOfPool(ctx.env, { userPoolId });
          },
          forgetAwsCredentials: (identityPoolId) => deleteAwsCredentialsOfPool(ctx.env, { identityPoolId }),
        },
        plan,
        target,
      );
    } finally {
      progress.stop();
    }
    if (json) writeJson(ctx.io, { name: selected.name, actions: steps.map((step) => action(step, true)), kept });
    else writeLine(ctx.io.out, `\nDone: ${steps.length} ${steps.length === 1 ? 'step' : 'steps'}; the setup '${selected.name}' is gone from the settings file.`);
  } finally {
    lock.release();
  }
}

function action(step: TeardownStep, done: boolean): { resource: string; id: string; action: string } {
  const past = { delete: 'deleted', disable: 'disabled', unmap: 'unmapped', release: 'released' }[step.action];
  return { resource: step.resource, id: step.id, action: done ? past : step.action };
}

function printPlan(ctx: Context, steps: TeardownStep[], kept: KeptResource[], blocked: Blocker[]): void {
  const out = ctx.io.out;
  if (steps.length === 0) writeLine(out, 'Nothing to delete: no resource this setup created was found.');
  else {
    writeLine(out, `teardown ${ctx.globals.dryRun ? 'would' : 'will'}, in this order:`);
    steps.forEach((step, index) => writeLine(out, `  ${index + 1}. ${step.describe}`));
  }
  if (kept.length) {
    writeLine(out, 'Kept:');
    for (const resource of kept) writeLine(out, `  ${labelOf(resource.resource)} ${resource.id}: ${resource.reason}`);
  }
  if (blocked.length) {
    writeLine(out, 'Blocked (nothing is changed until this is resolved):');
    for (const blocker of blocked) writeLine(out, `  ${blocker.reason}${blocker.hint ? ` — ${blocker.hint}` : ''}`);
  }
}
