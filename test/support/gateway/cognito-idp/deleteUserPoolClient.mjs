/** @type {import('../cognito-idp.mjs').IdpOperation} */
export async function deleteUserPoolClient(input, { cognitoLocal, state }) {
  const output = await cognitoLocal.call('DeleteUserPoolClient', input);
  state.clients.delete(input.ClientId);
  return output;
}
