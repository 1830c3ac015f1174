// Discovery: a script on another machine knows only the server's URL. GET /api/v1/security/cognito
// needs no token and names the region, user pool and app client the server trusts.
import { ServerError } from '../errors.js';
import type { MmbatchServerClient } from '../server/client.js';
import { readCognitoSettings } from '../server/cognitoSettings.js';
import type { DiscoveredTarget } from './target.js';

export async function discoverTarget(server: MmbatchServerClient): Promise<DiscoveredTarget> {
  const settings = await readCognitoSettings(server);
  if (!settings.userPoolID || !settings.clientID) {
    throw new ServerError(`the server at ${server.url} has no Cognito settings to sign in with`, undefined, {
      hint: 'pass --user-pool-id and --client-id, or run `mmbatch-auth setup --server ...` first',
    });
  }
  return { region: settings.region || undefined, userPoolId: settings.userPoolID, clientId: settings.clientID };
}
