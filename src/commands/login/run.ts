// `login`: sign in once (prompting on a terminal) and keep the refresh token in the cache, so later
// `token` and `api` runs renew their access token without any password.
import type { Context } from '../../cli/context.js';
import { writeJson } from '../../cli/io/streams.js';
import { obtainSession } from '../../auth/session.js';
import type { LoginOptions } from './spec.js';

export async function run(options: LoginOptions, ctx: Context): Promise<void> {
  const { target, tokens } = await obtainSession(ctx, { ...options, cache: true, forceSignIn: true });
  if (!tokens.refreshToken) ctx.log.warn('Cognito returned no refresh token: `token` will need the password once this one expires');
  const expiresAt = new Date(tokens.expiresAt).toISOString();
  if (ctx.globals.json) {
    writeJson(ctx.io, {
      username: target.username,
      region: target.region,
      userPoolId: target.userPoolId,
      clientId: target.clientId,
      expiresAt,
      refreshTokenSaved: Boolean(tokens.refreshToken),
    });
    return;
  }
  // For people, on stderr: stdout stays empty so `login` never leaks anything into a pipe.
  ctx.log.info(`Signed in as ${target.username} (${target.userPoolId}); \`mmbatch-auth token\` now works without a password.`);
}
