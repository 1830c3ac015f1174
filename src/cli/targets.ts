// Which pool, client and identity pool a command works on: its flag, else the selected setup's record.
import type { Context } from './context.js';
import { UsageError } from '../errors.js';
import { selectSetup } from '../config/selectedSetup.js';
import { validateClientId, validateIdentityPoolId, validateUserPoolId } from '../validate.js';

const SETUP_HINT = 'pass it as a flag, or run `mmbatch-auth setup` first (or pick the setup with --name, or the settings file with --config)';

const recorded = (ctx: Context, name: string | undefined) => selectSetup(ctx.settings, name, ctx.env, false).view;

export function userPoolIdOf(ctx: Context, flag: string | undefined, name?: string): string {
  const id = flag ?? recorded(ctx, name).userPoolId;
  if (!id) throw new UsageError('no user pool: --user-pool-id is required', { hint: SETUP_HINT });
  return validateUserPoolId(id);
}

export function clientIdOf(ctx: Context, flag: string | undefined, name?: string): string {
  const id = flag ?? recorded(ctx, name).clientId;
  if (!id) throw new UsageError('no app client: --client-id is required', { hint: SETUP_HINT });
  return validateClientId(id);
}

export function identityPoolIdOf(ctx: Context, flag: string | undefined, name?: string): string | undefined {
  const id = flag ?? recorded(ctx, name).identityPoolId;
  return id ? validateIdentityPoolId(id) : undefined;
}
