// Which resources this tool created: the settings file's `created` record, or the tags setup puts
// on everything that takes tags. Anything else is someone's, and teardown never touches it.
import type { Tag } from '@aws-sdk/client-iam';
import { managedTags } from '../names.js';

/** Tags as a record, whether the service answers a map (Cognito) or a list (IAM). */
export function tagRecord(tags: Record<string, string> | Tag[] | undefined): Record<string, string> {
  if (!tags) return {};
  if (Array.isArray(tags)) return Object.fromEntries(tags.filter((t) => t.Key).map((t) => [t.Key!, t.Value ?? '']));
  return tags;
}

/** Carries both of setup's tags for this --name (another name's resources are another setup's). */
export function carriesOurTags(tags: Record<string, string> | Tag[] | undefined, base: string): boolean {
  const have = tagRecord(tags);
  return Object.entries(managedTags(base)).every(([key, value]) => have[key] === value);
}
