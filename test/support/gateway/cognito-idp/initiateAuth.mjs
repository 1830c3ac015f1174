import { requireAppClient, requireFlowEnabled, requireKnownFlow, withTokenDetails } from '../sign-in-rules.mjs';

/**
 * Every flow must be one the app client allows (REFRESH_TOKEN_AUTH too); SRP and the password flow are the gateway's,
 * the others cognito-local's.
 * @type {import('../cognito-idp.mjs').IdpOperation}
 */
export async function initiateAuth(input, { cognitoLocal, store, signIn }) {
  const flow = requireKnownFlow('InitiateAuth', input.AuthFlow);
  if (flow === 'USER_SRP_AUTH') return signIn.srp.initiate(input);
  if (flow === 'USER_PASSWORD_AUTH') return signIn.withPassword(input, flow);
  requireFlowEnabled(await requireAppClient(store, input.ClientId), flow);
  return withTokenDetails(await cognitoLocal.call('InitiateAuth', input));
}
