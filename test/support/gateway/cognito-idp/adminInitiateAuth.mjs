import { missingParameter, requireAppClient, requireFlowEnabled, requireKnownFlow, withTokenDetails } from '../sign-in-rules.mjs';

/** As InitiateAuth, for the admin flows. @type {import('../cognito-idp.mjs').IdpOperation} */
export async function adminInitiateAuth(input, { cognitoLocal, store, signIn }) {
  const flow = requireKnownFlow('AdminInitiateAuth', input.AuthFlow);
  if (flow === 'ADMIN_USER_PASSWORD_AUTH' || flow === 'ADMIN_NO_SRP_AUTH') return signIn.withPassword(input, flow);
  if (!input.UserPoolId) throw missingParameter('UserPoolId');
  requireFlowEnabled(await requireAppClient(store, input.ClientId, input.UserPoolId), flow);
  return withTokenDetails(await cognitoLocal.call('AdminInitiateAuth', input));
}
