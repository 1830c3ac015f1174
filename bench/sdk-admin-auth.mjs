// The baseline for a fresh `token`: the one-call script a user would write with the AWS SDK
// (AdminInitiateAuth), printing the access token. Region, endpoint and credentials come from the
// environment the SDK's usual way; the pool, client, user and password from BENCH_* variables.
import { AdminInitiateAuthCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';

const { BENCH_USER_POOL_ID, BENCH_CLIENT_ID, BENCH_USERNAME, BENCH_PASSWORD } = process.env;
const client = new CognitoIdentityProviderClient({});
const { AuthenticationResult } = await client.send(
  new AdminInitiateAuthCommand({
    UserPoolId: BENCH_USER_POOL_ID,
    ClientId: BENCH_CLIENT_ID,
    AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: BENCH_USERNAME, PASSWORD: BENCH_PASSWORD },
  }),
);
process.stdout.write(`${AuthenticationResult.AccessToken}\n`);
client.destroy();
