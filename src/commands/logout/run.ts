// `logout`: revoke the refresh token (so a copy of it is useless too) and delete the cache file.
// Idempotent: logging out twice, or without having logged in, succeeds.
import type { Context } from '../../cli/context.js';
import { writeJson } from '../../cli/io/streams.js';
import { revokeRefreshToken, type RevokeOutcome } from '../../auth/session.js';
import { openSignInCalls } from '../../auth/cognito/calls.js';
import { resolveSignInTarget } from '../../auth/target.js';
import { deleteCachedTokens, readCachedTokens } from '../../auth/store/tokenCache.js';

import type { LogoutOptions } from './spec.js';

export async function run(options: LogoutOptions, ctx: Context): Promise<void> {
  const target = await resolveSignInTarget(ctx, options, { write: false });
  const cached = readCachedTokens(ctx.env, target);
  if (ctx.globals.dryRun) {
    const plan = { username: target.username, revoke: Boolean(cached?.refreshToken), delete: Boolean(cached), dryRun: true };
    if (ctx.globals.json) writeJson(ctx.io, plan);
    else ctx.log.info(cached ? `Would revoke the refresh token of ${target.username} and delete its cached tokens.` : `${target.username} is not logged in; nothing to do.`);
    return;
  }
  let revoked: RevokeOutcome | 'nothing-to-revoke' = 'nothing-to-revoke';
  if (cached?.refreshToken) {
    const calls = await openSignInCalls(ctx, target.region);
    try {
      revoked = await revokeRefreshToken(calls, { clientId: target.clientId, refreshToken: cached.refreshToken });
    } catch (error) {
      // Forget it here anyway, then say the revocation failed (exit 1): the token is still valid elsewhere.
      deleteCachedTokens(ctx.env, target);
      ctx.log.warn('the local copy of the tokens was deleted, but the refresh token could not be revoked');
      throw error;
    } finally {
      calls.destroy();
    }
    if (revoked === 'not-supported') {
      ctx.log.warn('the app client does not allow token revocation: the refresh token stays valid until it expires');
    }
  }
  const deleted = deleteCachedTokens(ctx.env, target);
  if (ctx.globals.json) {
    writeJson(ctx.io, { username: target.username, revoked: revoked === 'revoked', deleted });
    return;
  }
  ctx.log.info(deleted || cached ? `Logged out ${target.username}.` : `${target.username} was not logged in; nothing to do.`);
}
