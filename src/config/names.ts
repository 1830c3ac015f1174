// One setup name labels every resource it makes; each service has its own rules for names, so the
// name is sanitised per service here rather than rejected. Tags carry the name unsanitised: two
// names that sanitise alike ("a b", "a-b") still tell their resources apart.
import type { Tag } from '@aws-sdk/client-iam';

/** User pool and app client names: [\w\s+=,.@-]+, 1-128. */
export function userPoolName(base: string): string {
  return base.replace(/[^\w\s+=,.@-]/g, '-').slice(0, 128);
}

export function appClientName(base: string): string {
  return `${userPoolName(base)}-spa`.slice(0, 128);
}

/** Identity pool names: word characters and spaces only (the console refuses hyphens). */
export function identityPoolName(base: string): string {
  return base.replace(/[^\w ]/g, '_').slice(0, 128);
}

/** IAM role names: [\w+=,.@-]+, at most 64. */
export function roleName(base: string): string {
  const suffix = '-cognito-authenticated';
  return `${base.replace(/[^\w+=,.@-]/g, '-').slice(0, 64 - suffix.length)}${suffix}`;
}

/** The inline policy --role-policy puts on the role. */
export const INLINE_POLICY_NAME = 'mmbatch-auth';

/**
 * The Sid of the trust statement setup writes (IAM allows [A-Za-z0-9] only): how teardown finds
 * the one statement it added to a reused role and leaves every other one alone.
 */
export function trustStatementSid(base: string): string {
  const hex = [...Buffer.from(base, 'utf8')].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `MmbatchAuth${hex}`.slice(0, 100);
}

export const TAG_MANAGED_BY = 'managed-by';
export const TAG_NAME = 'mmbatch-auth:name';
/** When setup created it (ISO 8601): the identity pool API keeps no creation date, and races need an order. */
export const TAG_CREATED = 'mmbatch-auth:created';

/** Tags that mark what this tool created for one setup name. */
export function managedTags(base: string): Record<string, string> {
  return { [TAG_MANAGED_BY]: 'mmbatch-auth', [TAG_NAME]: base };
}

/** Tags as a record, whether the service answers a map (Cognito) or a list (IAM). */
export function tagRecord(tags: Record<string, string> | Tag[] | undefined): Record<string, string> {
  if (!tags) return {};
  if (Array.isArray(tags)) return Object.fromEntries(tags.filter((t) => t.Key).map((t) => [t.Key!, t.Value ?? '']));
  return tags;
}

/** Carries both of setup's tags for this name (another name's resources are another setup's). */
/** The other setup whose tags a resource carries (made by mmbatch-auth for another name), if any. */
export function otherSetupTagged(tags: Record<string, string> | Tag[] | undefined, base: string): string | undefined {
  const have = tagRecord(tags);
  const owner = have[TAG_NAME];
  return have[TAG_MANAGED_BY] === 'mmbatch-auth' && owner !== undefined && owner !== base ? owner : undefined;
}

export function carriesOurTags(tags: Record<string, string> | Tag[] | undefined, base: string): boolean {
  const have = tagRecord(tags);
  return Object.entries(managedTags(base)).every(([key, value]) => have[key] === value);
}
