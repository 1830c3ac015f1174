// `identity-pool create|show`: the identity pool, its authenticated role and the mapping, alone
// (federated from the setup's pool and client, or --user-pool-id / --client-id).
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { printRecord } from '../../cli/io/output.js';
import { readPolicyFile, validateClientId, validateIdentityPoolId, validateRoleArn, validateUserPoolId } from '../../validate.js';
import type { PolicyDocument } from '../../resources/trustPolicy.js';
import type { IdentityPoolCreateOptions, IdentityPoolShowOptions } from './spec.js';
import { describeLive } from '../../cli/renderPlan.js';
import { printOutcome, runPartialSetup } from '../../cli/partialSetup.js';
import { selectSetup } from '../../config/selectedSetup.js';
import { resourceEnv } from '../../cli/workflowDeps.js';

import { identityPool } from '../../resources/identityPool.js';
import { identityPoolRoles } from '../../resources/identityPoolRoles.js';

export async function show(options: IdentityPoolShowOptions, ctx: Context): Promise<void> {
  {
    const aws = await ctx.aws(); // the region is checked before anything else
    const selected = selectSetup(ctx.settings, options.name, ctx.env, false);
    const id = options.identityPoolId ? validateIdentityPoolId(options.identityPoolId) : selected.view.identityPoolId;
    if (!id) throw new UsageError(`the setup '${selected.name}' has no identity pool`, { hint: 'pass --identity-pool-id, or run `mmbatch-auth identity-pool create`' });
    const env = resourceEnv(ctx, aws);
    const [live, roles] = await Promise.all([identityPool.read(env, id, {}), identityPoolRoles.read(env, id, {})]);
    if (!live) throw new UsageError(`identity pool ${id} does not exist`);
    printRecord(ctx, { ...describeLive('identityPool', live, live.IdentityPoolId), name: live.IdentityPoolName, roles: roles?.Roles ?? {} });
  }
}

export async function create(options: IdentityPoolCreateOptions, ctx: Context): Promise<void> {
  const handedOver = {
    userPool: options.userPoolId ? validateUserPoolId(options.userPoolId) : undefined,
    appClient: options.clientId ? validateClientId(options.clientId) : undefined,
    iamRole: options.roleArn ? validateRoleArn(options.roleArn) : undefined,
  };
  const rolePolicy = options.rolePolicy ? (readPolicyFile(options.rolePolicy) as PolicyDocument) : undefined;
  const { outcome } = await runPartialSetup(ctx, { command: 'identity-pool create', name: options.name, only: ['identityPool', 'iamRole', 'identityPoolRoles'], handedOver, inputs: { rolePolicy } });
  printOutcome(ctx, outcome, ['identityPool', 'iamRole', 'identityPoolRoles']);
}
