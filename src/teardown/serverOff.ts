// Teardown's first step when the server uses what is about to go: turn Cognito off there, signed
// by an admin of the pool the server uses now, and check that it took. If no admin token can be
// had, this throws before anything is deleted: the pool is never deleted under a server using it.
import type { Context } from '../cli/context.js';
import { MissingValueError, ServerError } from '../errors.js';
import { adminAccessToken } from '../auth/session.js';
import { disableServerCognito, readServerSettings } from '../resources/serverSettings.js';
import type { MmbatchServerClient } from '../server/client.js';
import { COGNITO_PATH, type CognitoServerSettings } from '../server/cognitoSettings.js';

export async function turnServerCognitoOff(
  ctx: Context,
  server: MmbatchServerClient,
  live: CognitoServerSettings,
  admin: { username?: string; passwordStdin?: boolean },
): Promise<void> {
  if (!admin.username) {
    throw new MissingValueError(`an admin of user pool ${live.userPoolID} (the server uses it, so teardown turns Cognito off there first)`, '--username');
  }
  const tokens = await adminAccessToken(ctx, {
    userPoolId: live.userPoolID,
    clientId: live.clientID,
    username: admin.username,
    passwordStdin: admin.passwordStdin,
  });
  await disableServerCognito(server, tokens.accessToken);
  const after = await readServerSettings(server);
  if (after.enabled) throw new ServerError(`the server accepted DELETE ${COGNITO_PATH} but still reports Cognito on`);
}
