// The identity pool's authenticated role: created here with a trust policy bound to the pool and
// no permissions (unless --role-policy adds an inline one), or an existing role via --role-arn.
import {
  CreateRoleCommand,
  GetRoleCommand,
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

export function describeRoleForPeople(live: LiveRole): Record<string, unknown> {
  return { arn: live.role.Arn, name: live.role.RoleName, trustPolicy: live.trustPolicy, inlinePolicy: live.inlinePolicy };
}
