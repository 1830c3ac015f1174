// The identity pool's authenticated role: created here with a trust policy bound to the pool and
// no permissions (unless --role-policy adds an inline one), or an existing role via --role-arn.
import {
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  GetRoleCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  GetRolePolicyCommand,
  PutRolePolicyCommand,
  UpdateAssumeRolePolicyCommand,
  type IAMClient,
  type Role,
} from '@aws-sdk/client-iam';
import { isAwsCode } from '../aws/errors.js';
import { AwsError } from '../errors.js';
import { INLINE_POLICY_NAME } from '../names.js';
import { planFrom, type Plan } from './plan.js';
import { decodePolicyDocument, desiredTrustPolicy, trustPolicyDrift, type PolicyDocument } from './trustPolicy.js';

export interface LiveRole {
  role: Role;
  trustPolicy?: PolicyDocument;
  inlinePolicy?: PolicyDocument;
}

export interface DesiredRole {
  name: string;
  identityPoolId: string;
  tags: Record<string, string>;
  /** Added as the inline policy `mmbatch-auth` when given (--role-policy). */
  inlinePolicy?: PolicyDocument;
}

export type RolePlan = Plan<LiveRole, DesiredRole>;

export function roleNameFromArn(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

export async function readRole(
  iam: IAMClient,
  ref: { name: string; withInlinePolicy?: boolean },
): Promise<LiveRole | undefined> {
  let role: Role | undefined;
  try {
    role = (await iam.send(new GetRoleCommand({ RoleName: ref.name }))).Role;
  } catch (error) {
    if (isAwsCode(error, 'NoSuchEntityException', 'NoSuchEntity')) return undefined;
    throw error;
  }
  if (!role) return undefined;
  let inlinePolicy: PolicyDocument | undefined;
  if (ref.withInlinePolicy) {
    try {
      const { PolicyDocument } = await iam.send(new GetRolePolicyCommand({ RoleName: ref.name, PolicyName: INLINE_POLICY_NAME }));
      inlinePolicy = decodePolicyDocument(PolicyDocument);
    } catch (error) {
      if (!isAwsCode(error, 'NoSuchEntityException', 'NoSuchEntity')) throw error;
    }
  }
  return { role, trustPolicy: decodePolicyDocument(role.AssumeRolePolicyDocument), inlinePolicy };
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export function roleDrift(live: LiveRole, desired: Pick<DesiredRole, 'identityPoolId' | 'inlinePolicy'>): string[] {
  const drift = trustPolicyDrift(live.trustPolicy, desired.identityPoolId);
  if (desired.inlinePolicy && canonical(live.inlinePolicy) !== canonical(desired.inlinePolicy)) {
    drift.push(`the inline policy '${INLINE_POLICY_NAME}' differs from --role-policy`);
  }
  return drift;
}

export function planRole(live: LiveRole | undefined, desired: DesiredRole): RolePlan {
  return planFrom('iamRole', live, desired, live?.role.Arn, (role) => roleDrift(role, desired));
}

export async function applyRole(iam: IAMClient, plan: RolePlan): Promise<string> {
  const { desired, live } = plan;
  const trustPolicy = JSON.stringify(desiredTrustPolicy(desired.identityPoolId));
  let arn = live?.role.Arn;
  if (plan.action === 'create') {
    const { Role } = await iam.send(
      new CreateRoleCommand({
        RoleName: desired.name,
        AssumeRolePolicyDocument: trustPolicy,
        Description: 'Authenticated role of the MMBatch Cognito identity pool (managed by mmbatch-auth)',
        Tags: Object.entries(desired.tags).map(([Key, Value]) => ({ Key, Value })),
      }),
    );
    if (!Role?.Arn) throw new AwsError('CreateRole returned no ARN');
    arn = Role.Arn;
  } else if (plan.action === 'update' && trustPolicyDrift(live!.trustPolicy, desired.identityPoolId).length) {
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: desired.name, PolicyDocument: trustPolicy }));
  }
  const inlineDiffers =
    desired.inlinePolicy && (plan.action === 'create' || canonical(live?.inlinePolicy) !== canonical(desired.inlinePolicy));
  if (inlineDiffers) {
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: desired.name,
        PolicyName: INLINE_POLICY_NAME,
        PolicyDocument: JSON.stringify(desired.inlinePolicy),
      }),
    );
  }
  return arn!;
}

/** Every policy on the role: inline ones by name, managed ones by ARN. */
export async function readRolePolicies(iam: IAMClient, roleName: string): Promise<{ inline: string[]; attached: string[] }> {
  const inline: string[] = [];
  const attached: string[] = [];
  let Marker: string | undefined;
  do {
    const page = await iam.send(new ListRolePoliciesCommand({ RoleName: roleName, Marker }));
    inline.push(...(page.PolicyNames ?? []));
    Marker = page.IsTruncated ? page.Marker : undefined;
  } while (Marker);
  do {
    const page = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName, Marker }));
    for (const policy of page.AttachedPolicies ?? []) attached.push(policy.PolicyArn ?? policy.PolicyName ?? '?');
    Marker = page.IsTruncated ? page.Marker : undefined;
  } while (Marker);
  return { inline, attached };
}

/**
 * The policies this tool may have added, for deleteRole; anything else on the role was put there
 * by someone else, and teardown keeps the role rather than strip their policies.
 */
export function foreignRolePolicies(policies: { inline: string[]; attached: string[] }): string[] {
  return [...policies.inline.filter((name) => name !== INLINE_POLICY_NAME), ...policies.attached];
}

/** IAM refuses to delete a role that still has policies: our inline policy goes first. */
export async function deleteRole(iam: IAMClient, roleName: string, inlinePolicies: string[]): Promise<void> {
  const gone = (error: unknown) => isAwsCode(error, 'NoSuchEntityException', 'NoSuchEntity');
  if (inlinePolicies.includes(INLINE_POLICY_NAME)) {
    try {
      await iam.send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: INLINE_POLICY_NAME }));
    } catch (error) {
      if (!gone(error)) throw error;
    }
  }
  try {
    await iam.send(new DeleteRoleCommand({ RoleName: roleName }));
  } catch (error) {
    if (!gone(error)) throw error;
  }
}

export function describeRoleForPeople(live: LiveRole): Record<string, unknown> {
  return { arn: live.role.Arn, name: live.role.RoleName, trustPolicy: live.trustPolicy, inlinePolicy: live.inlinePolicy };
}
