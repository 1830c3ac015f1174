import { AwsError } from '../wire-errors.mjs';

/** Only the pool's own domain goes (a domain named with another pool's ID is refused). @type {import('../cognito-idp.mjs').IdpOperation} */
export async function deleteUserPoolDomain(input, { state }) {
  if (state.domains.get(input.Domain)?.UserPoolId !== input.UserPoolId) throw new AwsError('InvalidParameterException', 'No such domain or user pool exists.');
  state.domains.delete(input.Domain);
  return {};
}
