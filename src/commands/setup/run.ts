// `mmbatch-auth setup`: the whole walkthrough, safe from the first second, idempotent.
import type { Context } from '../../cli/context.js';
import { writeJson, writeLine } from '../../cli/io/streams.js';
import { createProgress } from '../../cli/io/progress.js';
import { resolveSetupInputs } from '../../setup/inputs.js';
import { runSetupGraph, type SetupResult } from '../../setup/steps.js';
import { colorEnabled, makeColors } from '../../cli/io/colours.js';
import { notImplemented } from '../shared.js';
import type { SetupOptions } from './spec.js';

/** The contract's flags this release parses but does not act on yet (adoption, MFA, threat protection, TLS trust). */
const NOT_YET = ['userPoolId', 'clientId', 'identityPoolId', 'mfa', 'threatProtection', 'trustFingerprint'] as const satisfies readonly (keyof SetupOptions)[];
const FLAG: Record<(typeof NOT_YET)[number], string> = {
  userPoolId: '--user-pool-id',
  clientId: '--client-id',
  identityPoolId: '--identity-pool-id',
  mfa: '--mfa',
  threatProtection: '--threat-protection',
  trustFingerprint: '--trust-fingerprint',
};

export async function run(options: SetupOptions, ctx: Context): Promise<void> {
  const notYet = NOT_YET.find((key) => options[key] !== undefined);
  if (notYet) throw notImplemented(`setup ${FLAG[notYet]}`);
  const inputs = await resolveSetupInputs(ctx, options);
  const aws = await ctx.aws();
  const progress = createProgress(ctx);
  let result: SetupResult;
  try {
    result = await runSetupGraph(ctx, aws, inputs, progress);
  } finally {
    progress.stop();
  }
  if (ctx.globals.json) {
    writeJson(ctx.io, {
      region: result.region,
      userPoolId: result.userPoolId ?? null,
      clientId: result.clientId ?? null,
      identityPoolId: result.identityPoolId ?? null,
      roleArn: result.roleArn ?? null,
      adminGroup: result.adminGroup,
      adminUsername: result.adminUsername,
      server: result.server ? { url: result.server.url, enabled: result.server.enabled } : null,
      changes: result.changes,
      ...(ctx.globals.dryRun ? { dryRun: true } : {}),
    });
    return;
  }
  printSummary(ctx, result);
}

function printSummary(ctx: Context, result: SetupResult): void {
  const c = makeColors(colorEnabled(ctx.io.stdoutIsTTY, !ctx.globals.color, ctx.env));
  const out = ctx.io.out;
  const dry = ctx.globals.dryRun;
  writeLine(out, c.bold(dry ? 'Plan (dry run, nothing was changed):' : 'Cognito is set up for MMBatch:'));
  const rows: [string, string | undefined][] = [
    ['region', result.region],
    ['user pool', result.userPoolId],
    ['app client', result.clientId],
    ['identity pool', result.identityPoolId],
    ['IAM role', result.roleArn],
    ['admin group', result.adminGroup],
    ['admin user', result.adminUsername],
    ['server', result.server ? `${result.server.url}${result.server.verified ? ' (verified with a real token)' : ''}` : undefined],
  ];
  for (const [label, value] of rows) writeLine(out, `  ${label.padEnd(14)}${value ?? c.dim(dry ? '(to be created)' : '-')}`);
  const changed = result.changes.filter((change) => change.action !== 'unchanged');
  writeLine(out, '');
  if (changed.length === 0) writeLine(out, dry ? 'Nothing to change.' : 'Nothing changed: everything was already as it should be.');
  for (const change of changed) {
    const why = change.reasons?.length && change.reasons[0] !== 'missing' ? `: ${change.reasons.join('; ')}` : '';
    writeLine(out, `  ${dry ? `would ${change.action}` : change.action} ${change.resource}${why}`);
  }
  if (!dry && result.server?.verified) writeLine(out, `\nNext: curl -H "Authorization: Bearer $(mmbatch-auth token)" ${result.server.url}/api/v1/config`);
}
