// Finding a resource again by its name when the settings file does not name it: page through the
// List call and take the one match. Two of the same name is an error for the user to settle, never
// a guess (picking one could repair, or later delete, somebody else's resource).
import { UsageError } from '../errors.js';

export interface NamedPage {
  items: { name?: string; id?: string }[];
  next?: string;
}

export async function findOneByName(
  listPage: (next: string | undefined) => Promise<NamedPage>,
  name: string,
  ambiguity: { what: string; hint: string },
): Promise<string | undefined> {
  const matches: string[] = [];
  let next: string | undefined;
  do {
    const page = await listPage(next);
    for (const item of page.items) if (item.name === name && item.id) matches.push(item.id);
    next = page.next;
  } while (next);
  if (matches.length > 1) {
    throw new UsageError(`${matches.length} ${ambiguity.what} are named '${name}' (${matches.join(', ')})`, { hint: ambiguity.hint });
  }
  return matches[0];
}
