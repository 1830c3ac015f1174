/** cognito-local finds the client (or says it cannot); the gateway answers with its AWS view. @type {import('../cognito-idp.mjs').IdpOperation} */
export async function describeUserPoolClient(input, { cognitoLocal, state }) {
  const { UserPoolClient } = await cognitoLocal.call('DescribeUserPoolClient', input);
  return { UserPoolClient: state.clients.get(input.ClientId) ?? UserPoolClient };
}
