// One --name labels every resource; each service has its own rules for names, so the base name is
// sanitised per service here rather than rejected.

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

export const INLINE_POLICY_NAME = 'mmbatch-auth';

/** Tags that mark what this tool created, so teardown can tell its own resources from others. */
export function managedTags(base: string): Record<string, string> {
  return { 'managed-by': 'mmbatch-auth', 'mmbatch-auth:name': base };
}
