// USER_PASSWORD_AUTH: the password goes to Cognito over TLS. Needs no AWS credentials, but only
// works when the app client allows it (setup does not enable it by default).
import { stepOf, userRespond } from './challenges.js';
import type { StartFlow } from './table.js';

export const start: StartFlow = async (calls, request) => {
  const response = await calls.initiateAuth({
    ClientId: request.clientId,
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: request.username, PASSWORD: request.password },
  });
  return { first: stepOf(response), respond: userRespond(calls, request.clientId) };
};
