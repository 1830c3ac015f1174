// `identity-pool create|show`: the identity pool, its authenticated role and the mapping, alone
// (federated from the setup's pool and client, or --user-pool-id / --client-id).
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { printRecord } from '../output.js';
import { validateClientId, validateIdentityPoolId, validateUserPoolId } from '../validate.js';
import { describeLive } from '../cli/renderPlan.js';
import { printOutcome, runPartialSetup } from '../cli/partialSetup.js';
import { selectSetup } from '../config/selectedSetup.js';
import { resourceEnv } from '../cli/workflowDeps.js';
import { readPolicyFile, validateGivenRoleArn } from '../setup/inputs.js';
import { identityPool } from '../resources/identityPool.js';
import { identityPoolRoles } from '../resources/identityPoolRoles.js';

export interface IdentityPoolOptions {
  verb: 'create' | 'show';
  name?: string;
  userPoolId?: string;
  clientId?: string;
  identityPoolId?: string;
  roleArn?: string;
  rolePolicy?: string;
}

export async function run(options: IdentityPoolOptions, ctx: Context): Promise<void> {
  if (options.verb === 'show') {
    const aws = await ctx.aws(); // the region is checked before anything else
    const selected = selectSetup(ctx.settings, options.name, ctx.env, false);
    const id = options.identityPoolId ? validateIdentityPoolId(options.identityPoolId) : selected.view.identityPoolId;
    if (!id) throw new UsageError(`the setup '${selected.name}' has no identity pool`, { hint: 'pass --identity-pool-id, or run `mmbatch-auth identity-pool create`' });
    const env = resourceEnv(ctx, aws);
    const [live, roles] = await Promise.all([identityPool.read(env, id, {}), identityPoolRoles.read(env, id, {})]);
    if (!live) throw new UsageError(`identity pool ${id} does not exist`);
    printRecord(ctx, { ...describeLive('identityPool', live, live.IdentityPoolId), name: live.IdentityPoolName, roles: roles?.Roles ?? {} });
    return;
  }
  const handedOver = {
    userPool: options.userPoolId ? validateUserPoolId(options.userPoolId) : undefined,
    appClient: options.clientId ? validateClientId(options.clientId) : undefined,
    iamRole: options.roleArn ? validateGivenRoleArn(options.roleArn) : undefined,
  };
  const rolePolicy = options.rolePolicy ? readPolicyFile(options.rolePolicy) : undefined;
  const { outcome } = await runPartialSetup(ctx, { name: options.name, only: ['identityPool', 'iamRole', 'identityPoolRoles'], handedOver, inputs: { rolePolicy } });
  printOutcome(ctx, outcome, ['identityPool', 'iamRole', 'identityPoolRoles']);
}
