// The region when nothing local names it (no flag, no environment, a pool ID that does not say):
// the AWS profile's, read the SDK's own way. Rare, so the SDK is loaded only then, never on the
// usual sign-in path, where the region comes from the pool ID or the settings file.
import type { Context } from '../context.js';

export async function profileRegion(ctx: Context): Promise<string> {
  const { resolveRegion } = await import('../aws/clients.js');
  return resolveRegion({ region: ctx.globals.region, profile: ctx.globals.profile }, ctx.env);
}
