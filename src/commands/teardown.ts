// `teardown`: not built yet.
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';

export async function run(_options: unknown, _ctx: Context): Promise<void> {
  throw new UsageError('teardown is not available yet');
}
