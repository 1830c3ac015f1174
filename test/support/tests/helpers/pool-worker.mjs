// One of many processes working on one user pool at once (concurrent-writes.test.mjs): creates its own user, signs in
// as it and as a shared user, and renews both sessions. Prints one JSON line: what it got, or the error.
// usage: node pool-worker.mjs <endpoint> <region> <poolId> <clientId> <index> <sharedUser> <password>
import {
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';

const [endpoint, region, UserPoolId, ClientId, index, shared, password] = process.argv.slice(2);
const idp = new CognitoIdentityProviderClient({ endpoint, region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });

/** @param {string} USERNAME */
const signIn = async (USERNAME) =>
  (await idp.send(new AdminInitiateAuthCommand({ UserPoolId, ClientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME, PASSWORD: password } })))
    .AuthenticationResult;

try {
  const own = `worker${index}@example.com`;
  await idp.send(new AdminCreateUserCommand({ UserPoolId, Username: own, MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: own }] }));
  await idp.send(new AdminSetUserPasswordCommand({ UserPoolId, Username: own, Password: password, Permanent: true }));
  const [mine, theirs] = await Promise.all([signIn(own), signIn(shared)]);
  const renew = (/** @type {string | undefined} */ REFRESH_TOKEN) =>
    idp.send(new InitiateAuthCommand({ ClientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: REFRESH_TOKEN ?? '' } }));
  await renew(mine?.RefreshToken);
  process.stdout.write(`${JSON.stringify({ ok: true, sharedRefreshToken: theirs?.RefreshToken })}\n`);
} catch (error) {
  process.stdout.write(`${JSON.stringify({ ok: false, error: `${/** @type {Error} */ (error).name}: ${/** @type {Error} */ (error).message}` })}\n`);
} finally {
  idp.destroy();
}
