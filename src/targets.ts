// Which pool, client and identity pool a command works on: its flag, else the settings file.
import type { Context } from './cli/context.js';
import { UsageError } from './errors.js';
import { validateClientId, validateIdentityPoolId, validateUserPoolId } from './validate.js';

const SETUP_HINT = 'pass it as a flag, or run `mmbatch-auth setup` first (or point --config at its settings file)';

export function userPoolIdOf(ctx: Context, flag: string | undefined): string {
  const id = flag ?? ctx.settings.load().userPoolId;
  if (!id) throw new UsageError('no user pool: --user-pool-id is required', { hint: SETUP_HINT });
  return validateUserPoolId(id);
}

export function clientIdOf(ctx: Context, flag: string | undefined): string {
  const id = flag ?? ctx.settings.load().clientId;
  if (!id) throw new UsageError('no app client: --client-id is required', { hint: SETUP_HINT });
  return validateClientId(id);
}

export function identityPoolIdOf(ctx: Context, flag: string | undefined): string | undefined {
  const id = flag ?? ctx.settings.load().identityPoolId;
  return id ? validateIdentityPoolId(id) : undefined;
}
