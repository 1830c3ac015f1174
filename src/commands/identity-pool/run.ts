// `identity-pool create|show`: the identity pool, its authenticated role, and the mapping.
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { identityPoolName, managedTags, roleName } from '../../names.js';
import { printRecord } from '../../cli/io/output.js';
import { DONE, type Change } from '../../resources/plan.js';
import { applyIdentityPool, describeIdentityPoolForPeople, planIdentityPool, readIdentityPool } from '../../resources/identityPool.js';
import { applyRole, describeRoleForPeople, planRole, readRole, roleNameFromArn } from '../../resources/iamRole.js';
import { applyIdentityPoolRoles, planIdentityPoolRoles, readIdentityPoolRoles } from '../../resources/identityPoolRoles.js';
import { readPolicyFile } from '../../setup/inputs.js';
import { clientIdOf, identityPoolIdOf, userPoolIdOf } from '../../targets.js';
import { validateName, validateRoleArn } from '../../validate.js';
import type { IdentityPoolCreateOptions, IdentityPoolShowOptions } from './spec.js';

export const create = (options: IdentityPoolCreateOptions, ctx: Context) => identityPool('create', { ...options, identityPoolId: undefined }, ctx);
export const show = (options: IdentityPoolShowOptions, ctx: Context) =>
  identityPool('show', { ...options, userPoolId: undefined, clientId: undefined, roleArn: undefined, rolePolicy: undefined }, ctx);

async function identityPool(verb: 'create' | 'show', options: IdentityPoolCreateOptions & IdentityPoolShowOptions, ctx: Context): Promise<void> {
  const recorded = ctx.settings.load();
  const base = validateName(options.name ?? recorded.name ?? 'mmbatch');
  const roleArnGiven = options.roleArn ? validateRoleArn(options.roleArn) : undefined;
  const role = roleArnGiven ? roleNameFromArn(roleArnGiven) : recorded.roleArn ? roleNameFromArn(recorded.roleArn) : roleName(base);
  if (verb === 'show') {
    const id = identityPoolIdOf(ctx, options.identityPoolId);
    const { identity, iam } = await ctx.aws();
    const live = await readIdentityPool(identity, { id, name: identityPoolName(base) });
    if (!live) throw new UsageError(`no identity pool named '${identityPoolName(base)}'`, { hint: 'run `mmbatch-auth identity-pool create`' });
    const [roles, liveRole] = await Promise.all([readIdentityPoolRoles(identity, live.IdentityPoolId!), readRole(iam, { name: role })]);
    printRecord(ctx, {
      ...describeIdentityPoolForPeople(live),
      roles: roles?.Roles ?? {},
      role: liveRole ? describeRoleForPeople(liveRole) : null,
    });
    return;
  }
  const userPoolId = userPoolIdOf(ctx, options.userPoolId);
  const clientId = clientIdOf(ctx, options.clientId);
  const rolePolicy = options.rolePolicy ? readPolicyFile(options.rolePolicy) : undefined;
  const { identity, iam, region } = await ctx.aws();
  const tags = managedTags(base);
  const changes: Change[] = [];
  const dryRun = ctx.globals.dryRun;

  const poolPlan = planIdentityPool(await readIdentityPool(identity, { id: recorded.identityPoolId, name: identityPoolName(base) }), {
    name: identityPoolName(base),
    region,
    userPoolId,
    clientId,
    tags,
  });
  const poolId = dryRun ? poolPlan.id : await applyIdentityPool(identity, poolPlan);
  changes.push({ resource: 'identityPool', id: poolId, action: dryRun ? poolPlan.action : DONE[poolPlan.action] });
  if (!dryRun) ctx.settings.update({ identityPoolId: poolId, ...(poolPlan.action === 'create' ? { created: { identityPool: poolId } } : {}) });

  const liveRole = await readRole(iam, { name: role, withInlinePolicy: Boolean(rolePolicy) });
  if (!liveRole && roleArnGiven) throw new UsageError(`the role ${roleArnGiven} does not exist`);
  const rolePlan = planRole(liveRole, { name: role, identityPoolId: poolId ?? '(new identity pool)', tags, inlinePolicy: rolePolicy });
  const arn = dryRun ? rolePlan.id : await applyRole(iam, rolePlan);
  changes.push({ resource: 'iamRole', id: arn, action: dryRun ? rolePlan.action : DONE[rolePlan.action] });
  if (!dryRun) {
    ctx.settings.update({
      roleArn: arn,
      roleCreatedByTool: rolePlan.action === 'create' || (!roleArnGiven && recorded.roleCreatedByTool !== false),
      ...(rolePlan.action === 'create' ? { created: { iamRole: arn } } : {}),
    });
  }

  if (poolId && arn) {
    const rolesPlan = planIdentityPoolRoles(await readIdentityPoolRoles(identity, poolId), { identityPoolId: poolId, roleArn: arn });
    if (!dryRun) await applyIdentityPoolRoles(identity, rolesPlan);
    changes.push({ resource: 'identityPoolRoles', id: poolId, action: dryRun ? rolesPlan.action : DONE[rolesPlan.action] });
  } else {
    changes.push({ resource: 'identityPoolRoles', action: 'create' });
  }
  printRecord(ctx, { identityPoolId: poolId ?? null, roleArn: arn ?? null, changes, ...(dryRun ? { dryRun: true } : {}) });
}
