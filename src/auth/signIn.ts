// A sign-in with a password, by the flow asked for. `auto` costs nothing extra when the client
// allows SRP (the safe default setup creates): it tries SRP first and only on Cognito's "flow not
// enabled" answer tries USER_PASSWORD_AUTH, then the admin flow (which needs AWS credentials).
import { RespondToAuthChallengeCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { AwsError } from '../errors.js';
import { isAwsCode } from '../aws/errors.js';
import { adminPasswordSignIn, adminRespond } from './adminPasswordAuth.js';
import { answerChallenges, stepOf, type AuthStep, type RespondToChallenge } from './challenges.js';
import type { CredentialSources } from './credentialSources.js';
import { userPasswordSignIn, type SignInRequest } from './passwordSignIn.js';
import { srpSignIn } from './srpSignIn.js';
import { tokensFromResult, type Tokens } from './tokens.js';

export type Flow = 'auto' | 'srp' | 'admin' | 'password';
type ConcreteFlow = Exclude<Flow, 'auto'>;

const START: Record<ConcreteFlow, (idp: CognitoIdentityProviderClient, request: SignInRequest) => Promise<AuthStep>> = {
  srp: srpSignIn,
  password: userPasswordSignIn,
  admin: adminPasswordSignIn,
};

const AUTO_ORDER: ConcreteFlow[] = ['srp', 'password', 'admin'];

/** Cognito's answer when the app client does not list the flow in its ExplicitAuthFlows. */
export function isFlowNotEnabled(error: unknown): boolean {
  return isAwsCode(error, 'InvalidParameterException') && /not enabled|not allowed|not supported/i.test((error as Error).message);
}

function userRespond(idp: CognitoIdentityProviderClient, clientId: string): RespondToChallenge {
  return async (name, responses, session) =>
    stepOf(
      await idp.send(
        new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: name as never, ChallengeResponses: responses, Session: session }),
      ),
    );
}

export async function signIn(
  idp: CognitoIdentityProviderClient,
  target: { userPoolId: string; clientId: string; username: string },
  flow: Flow,
  secrets: CredentialSources,
  now: () => number,
  log: { verbose(line: string): void },
): Promise<Tokens> {
  const password = await secrets.password(target.username);
  const request: SignInRequest = { ...target, password };
  const flows = flow === 'auto' ? AUTO_ORDER : [flow];
  for (const [index, candidate] of flows.entries()) {
    let first: AuthStep;
    try {
      first = await START[candidate](idp, request);
    } catch (error) {
      if (index < flows.length - 1 && isFlowNotEnabled(error)) {
        log.verbose(`  the app client does not allow the ${candidate} flow; trying ${flows[index + 1]}`);
        continue;
      }
      if (isFlowNotEnabled(error)) {
        throw new AwsError(`the app client ${target.clientId} does not allow the ${flow === 'auto' ? 'SRP, password or admin' : flow} sign-in flow`, {
          hint: 'allow one with `mmbatch-auth auth-flows set USER_SRP_AUTH,REFRESH_TOKEN_AUTH`, or choose another with --flow',
          code: 'InvalidParameterException',
          cause: error,
        });
      }
      throw error;
    }
    const respond = candidate === 'admin' ? adminRespond(idp, target) : userRespond(idp, target.clientId);
    const result = await answerChallenges(first, respond, target.username, secrets);
    return tokensFromResult(result, now());
  }
  throw new Error('unreachable: no sign-in flow was tried');
}
