// The identity pool's authenticated role: made here with setup's trust statement and no
// permissions (unless --role-policy adds an inline one), or a role someone already has, given with
// --role-arn: then setup adds its statement beside the others and changes nothing else.
import {
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  paginateListAttachedRolePolicies,
  paginateListRolePolicies,
  PutRolePolicyCommand,
  UpdateAssumeRolePolicyCommand,
  type Role,
} from '@aws-sdk/client-iam';
import { ignoreNotFound, isAwsCode } from '../aws/errors.js';
import { AwsError, BlockedError } from '../errors.js';
import { carriesOurTags, INLINE_POLICY_NAME, TAG_CREATED, trustStatementSid } from '../config/names.js';
import type { Origin } from '../config/settings.js';
import { unchangedOrUpdate, type Plan, type Resource, type ResourceEnv } from './plan.js';
import { diffSettings, writeChanges, type SettingSpecs, type WantedSettings } from './settings.js';
import {
  boundTo,
  canonicalJson,
  decodePolicyDocument,
  describeBinding,
  findOurStatement,
  looseForeignStatements,
  ourTrustStatement,
  statementsOf,
  withOurStatement,
  withoutOurStatement,
  type PolicyDocument,
  type PolicyStatement,
} from './trustPolicy.js';

export interface LiveRole {
  role: Role;
  trustPolicy?: PolicyDocument;
  /** The inline policy `mmbatch-auth` (--role-policy), when there is one. */
  inlinePolicy?: PolicyDocument;
  /** Setup's trust statement's Sid for this setup name. */
  sid: string;
  /** Every policy on the role (inline by name, managed by ARN): teardown keeps a role with others. */
  policies: { inline: string[]; attached: string[] };
  origin: Origin;
}

interface RoleUpdate {
  trustPolicy?: PolicyDocument;
  inlinePolicy?: PolicyDocument;
}

export interface RoleWant {
  name?: string;
  tags?: Record<string, string>;
  identityPoolId: string;
  inlinePolicy?: PolicyDocument;
}

export interface RoleIds {
  identityPool?: string;
  /** The setup name: it names setup's trust statement (its Sid). */
  setupName: string;
}

const ourStatementIn = (live: LiveRole) => findOurStatement(live.trustPolicy, live.sid, live.origin === 'created');

export const ROLE_SETTINGS: SettingSpecs<LiveRole, RoleUpdate & { want?: RoleWant }> = {
  trustStatement: {
    label: "setup's trust statement",
    read: (live) => describeBinding(ourStatementIn(live)),
    write: (update, value, live) => {
      const poolId = String(value).replace(/^aud=/, '').split(',')[0];
      update.trustPolicy = withOurStatement(live.trustPolicy, ourTrustStatement(poolId, live.sid), ourStatementIn(live));
    },
    check: 'role_trust_bound_to_identity_pool',
  },
  inlinePolicy: {
    label: `inline policy ${INLINE_POLICY_NAME}`,
    read: (live) => (live.inlinePolicy ? canonicalJson(live.inlinePolicy) : undefined),
    write: (update, value) => {
      update.inlinePolicy = JSON.parse(String(value)) as PolicyDocument;
    },
    check: 'role_grants_only_role_policy',
  },
  otherPolicies: {
    label: 'policies setup did not add',
    read: (live) => foreignRolePolicies(live),
    // Never removed by setup: a policy someone attached may be what some job needs. Reported, with the commands.
    fixed: {
      severity: 'warn',
      reason: (policies) =>
        `the role grants more than --role-policy: ${(policies as string[]).join(', ')} (remove with \`aws iam detach-role-policy\` / \`aws iam delete-role-policy\`, or reuse the role knowingly with --role-arn)`,
    },
    check: 'role_grants_only_role_policy',
  },
};

/** What setup wants of the role. A reused role (--role-arn) is its owner's: only setup's statement is setup's business. */
export function roleSettings(want: RoleWant, origin: Origin = 'created'): WantedSettings {
  return {
    trustStatement: boundTo(want.identityPoolId),
    ...(want.inlinePolicy ? { inlinePolicy: canonicalJson(want.inlinePolicy) } : {}),
    ...(origin === 'reused' ? {} : { otherPolicies: [] }),
  };
}

export function roleNameFromArn(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

async function rolePolicies(env: ResourceEnv, roleName: string): Promise<LiveRole['policies']> {
  const inline: string[] = [];
  const attached: string[] = [];
  await Promise.all([
    (async () => {
      for await (const page of paginateListRolePolicies({ client: env.aws.iam }, { RoleName: roleName })) inline.push(...(page.PolicyNames ?? []));
    })(),
    (async () => {
      for await (const page of paginateListAttachedRolePolicies({ client: env.aws.iam }, { RoleName: roleName })) {
        for (const policy of page.AttachedPolicies ?? []) attached.push(policy.PolicyArn ?? policy.PolicyName ?? '?');
      }
    })(),
  ]);
  return { inline, attached };
}

/** Reads the role by name (or ARN), its trust policy, its policy list and our inline policy, in one round. */
export async function readRole(env: ResourceEnv, nameOrArn: string, ids: RoleIds, origin: Origin): Promise<LiveRole | undefined> {
  const name = roleNameFromArn(nameOrArn);
  const inline = ignoreNotFound(env.aws.iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: INLINE_POLICY_NAME })));
  const policies = rolePolicies(env, name);
  inline.catch(() => undefined);
  policies.catch(() => undefined);
  const found = await ignoreNotFound(env.aws.iam.send(new GetRoleCommand({ RoleName: name })));
  if (!found?.Role) return undefined;
  const [inlineAnswer, policyList] = await Promise.all([inline, policies.catch(() => ({ inline: [], attached: [] }))]);
  return {
    role: found.Role,
    trustPolicy: decodePolicyDocument(found.Role.AssumeRolePolicyDocument),
    inlinePolicy: decodePolicyDocument(inlineAnswer?.PolicyDocument),
    sid: trustStatementSid(ids.setupName),
    policies: policyList,
    origin,
  };
}

/** The policies this tool did not add: teardown keeps a role that has any. */
export function foreignRolePolicies(live: LiveRole): string[] {
  return [...live.policies.inline.filter((name) => name !== INLINE_POLICY_NAME), ...live.policies.attached];
}

export const iamRole: Resource<LiveRole, RoleWant, RoleIds> = {
  kind: 'iamRole',
  label: 'IAM role',

  read: (env, nameOrArn, ids) => readRole(env, nameOrArn, ids, 'created'),

  plan(live, want, origin): Plan<LiveRole> {
    if (!live) return { kind: 'iamRole', action: 'create', origin, changes: [], blocked: [], warnings: [] };
    const withOrigin = { ...live, origin };
    const diff = diffSettings(ROLE_SETTINGS, withOrigin, roleSettings(want, origin));
    for (const statement of looseForeignStatements(live.trustPolicy, ourStatementIn(withOrigin))) {
      diff.warnings.push({
        setting: 'trustStatement',
        reason: `a trust statement setup did not write${statement.Sid ? ` (${statement.Sid})` : ''} admits ${describeBinding(statement)}: left as it is`,
        check: 'role_trust_bound_to_identity_pool',
      });
    }
    return { kind: 'iamRole', id: live.role.Arn, action: unchangedOrUpdate(diff.changes), origin, ...diff, live: withOrigin };
  },

  async apply(env, plan, want, ids) {
    const sid = trustStatementSid(ids.setupName);
    if (plan.action === 'create') {
      let Role: Role | undefined;
      try {
        ({ Role } = await env.aws.iam.send(
          new CreateRoleCommand({
            RoleName: want.name!,
            AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [ourTrustStatement(want.identityPoolId, sid)] }),
            Description: 'Authenticated role of the MMBatch Cognito identity pool (managed by mmbatch-auth)',
            Tags: Object.entries({ ...want.tags, [TAG_CREATED]: new Date(env.now()).toISOString() }).map(([Key, Value]) => ({ Key, Value })),
          }),
        ));
      } catch (error) {
        if (!isAwsCode(error, 'EntityAlreadyExists', 'EntityAlreadyExistsException')) throw error;
        // A concurrent run of this setup made it first (role names are unique): use that one.
        const theirs = await readRole(env, want.name!, ids, 'created');
        if (!theirs || !carriesOurTags(theirs.role.Tags, ids.setupName)) {
          throw new BlockedError(`an IAM role named ${want.name} appeared that mmbatch-auth did not make for the setup '${ids.setupName}'`, {
            hint: 'reuse it with --role-arn, or use another --name',
          });
        }
        return iamRole.apply(env, iamRole.plan(theirs, want, 'created'), want, ids);
      }
      if (!Role?.Arn) throw new AwsError('CreateRole returned no ARN');
      if (want.inlinePolicy) await putInlinePolicy(env, want.name!, want.inlinePolicy);
      return Role.Arn;
    }
    const live = plan.live!;
    if (plan.action === 'update') {
      const update = writeChanges(ROLE_SETTINGS, {} as RoleUpdate, plan.changes, live);
      const name = live.role.RoleName!;
      // One write to a role at a time (IAM may refuse overlapping ones): a repair of both is one round more.
      if (update.trustPolicy) await writeRole(env, () => env.aws.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: name, PolicyDocument: JSON.stringify(update.trustPolicy) })));
      if (update.inlinePolicy) await putInlinePolicy(env, name, update.inlinePolicy);
    }
    return live.role.Arn!;
  },

  /** IAM refuses to delete a role that still has policies: our inline policy goes first. */
  async remove(env, live) {
    const name = live.role.RoleName!;
    const hadOurPolicy = live.policies.inline.includes(INLINE_POLICY_NAME);
    if (hadOurPolicy) await ignoreNotFound(writeRole(env, () => env.aws.iam.send(new DeleteRolePolicyCommand({ RoleName: name, PolicyName: INLINE_POLICY_NAME }))));
    // Just after DeleteRolePolicy, IAM can still see the policy (eventual consistency) and answer DeleteConflict;
    // worth waiting for only when that policy was the role's last: another policy's conflict is real.
    const onlyOurs = hadOurPolicy && foreignRolePolicies(live).length === 0;
    await ignoreNotFound(onlyOurs ? deleteRoleOnceDetached(env, name) : writeRole(env, () => env.aws.iam.send(new DeleteRoleCommand({ RoleName: name }))));
  },
};

function putInlinePolicy(env: ResourceEnv, roleName: string, policy: PolicyDocument) {
  return writeRole(env, () => env.aws.iam.send(new PutRolePolicyCommand({ RoleName: roleName, PolicyName: INLINE_POLICY_NAME, PolicyDocument: JSON.stringify(policy) })));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const backoff = (attempt: number) => Math.min(250 * 2 ** (attempt - 1), 4_000);

/** IAM refuses a write that overlaps another on the same role (ConcurrentModification, 409), which the SDK does not retry. */
const CONCURRENT_MODIFICATION_ATTEMPTS = 5;

async function writeRole(env: ResourceEnv, send: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await send();
      return;
    } catch (error) {
      if (!isAwsCode(error, 'ConcurrentModification', 'ConcurrentModificationException') || attempt >= CONCURRENT_MODIFICATION_ATTEMPTS) throw error;
      env.log.verbose(`  IAM is still changing the role (ConcurrentModification); trying again`);
      await sleep(backoff(attempt));
    }
  }
}

/** How long DeleteRole waits for IAM to see the role's last policy gone (Terraform waits the same way). */
const DELETE_CONFLICT_WAIT_MS = 30_000;

async function deleteRoleOnceDetached(env: ResourceEnv, roleName: string): Promise<void> {
  const started = env.now();
  for (let attempt = 1; ; attempt++) {
    try {
      await writeRole(env, () => env.aws.iam.send(new DeleteRoleCommand({ RoleName: roleName })));
      return;
    } catch (error) {
      const wait = backoff(attempt);
      if (!isAwsCode(error, 'DeleteConflict', 'DeleteConflictException') || env.now() - started + wait > DELETE_CONFLICT_WAIT_MS) throw error;
      env.log.verbose(`  IAM still sees the role's policy (DeleteConflict); trying again`);
      await sleep(wait);
    }
  }
}

/**
 * A reused role, given back: setup's statement (and its inline policy) removed, every other
 * statement and policy as they were.
 */
export async function releaseReusedRole(env: ResourceEnv, live: LiveRole): Promise<void> {
  const name = live.role.RoleName!;
  const ours = ourStatementIn(live);
  const rest = ours ? withoutOurStatement(live.trustPolicy, ours) : undefined;
  // One write to the role at a time: releasing a role with setup's policy too is one round more.
  if (ours && rest) await writeRole(env, () => env.aws.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: name, PolicyDocument: JSON.stringify(rest) })));
  if (live.policies.inline.includes(INLINE_POLICY_NAME)) {
    await ignoreNotFound(writeRole(env, () => env.aws.iam.send(new DeleteRolePolicyCommand({ RoleName: name, PolicyName: INLINE_POLICY_NAME }))));
  }
}

/**
 * The role's trust statements setup did not write (a person's; another setup's): a role setup made
 * that has any is kept at teardown, and only setup's own statement is taken out of it.
 */
export function foreignTrustStatements(live: LiveRole): PolicyStatement[] {
  const ours = ourStatementIn(live);
  return statementsOf(live.trustPolicy).filter((statement) => statement !== ours);
}

/** True when setup's statement is in the role (what teardown of a reused role undoes). */
export function hasOurStatement(live: LiveRole): boolean {
  return ourStatementIn(live) !== undefined;
}
