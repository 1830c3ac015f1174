// A sign-in with a password, by the flow asked for. `auto` costs nothing extra when the client
// allows SRP (the safe default setup creates): it tries SRP first and only on Cognito's "flow not
// enabled" answer tries USER_PASSWORD_AUTH, then the admin flow (which needs AWS credentials).
//
// Each flow's module is loaded when that flow is tried: the admin flow's brings the AWS SDK (its call
// is signed), the SRP flow's the SRP maths, which a renewal with the refresh token (or `logout`)
// never needs.
import { AwsConfigError, AwsError } from '../errors.js';
import { isAwsCode } from '../aws/errors.js';
import { answerChallenges, stepOf, type AuthStep, type RespondToChallenge } from './challenges.js';
import type { CredentialSources } from './credentialSources.js';
import { userPasswordSignIn, type SignInRequest } from './passwordSignIn.js';
import type { SignInCalls } from './signInCalls.js';
import { tokensFromResult, type Tokens } from './tokens.js';

export type Flow = 'auto' | 'srp' | 'admin' | 'password';
type ConcreteFlow = Exclude<Flow, 'auto'>;

/** A flow's first call, and how its challenges are answered (the user or the admin variant). */
type Start = (calls: SignInCalls, request: SignInRequest) => Promise<{ first: AuthStep; respond: RespondToChallenge }>;

const START: Record<ConcreteFlow, Start> = {
  srp: async (calls, request) => {
    const { srpSignIn } = await import('./srpSignIn.js');
    return { first: await srpSignIn(calls, request), respond: userRespond(calls, request.clientId) };
  },
  password: async (calls, request) => ({ first: await userPasswordSignIn(calls, request), respond: userRespond(calls, request.clientId) }),
  admin: async (calls, request) => {
    const [{ adminPasswordSignIn, adminRespond }, idp] = await Promise.all([import('./adminPasswordAuth.js'), calls.adminClient()]);
    return { first: await adminPasswordSignIn(idp, request), respond: adminRespond(idp, request) };
  },
};

const AUTO_ORDER: ConcreteFlow[] = ['srp', 'password', 'admin'];

const FLOW_NAMES: Record<ConcreteFlow, string> = {
  srp: 'USER_SRP_AUTH',
  password: 'USER_PASSWORD_AUTH',
  admin: 'ADMIN_USER_PASSWORD_AUTH',
};

/** Cognito's answer when the app client does not list the flow in its ExplicitAuthFlows. */
export function isFlowNotEnabled(error: unknown): boolean {
  return isAwsCode(error, 'InvalidParameterException') && /not enabled|not allowed|not supported/i.test((error as Error).message);
}

function userRespond(calls: SignInCalls, clientId: string): RespondToChallenge {
  return async (name, responses, session) =>
    stepOf(await calls.respondToAuthChallenge({ ClientId: clientId, ChallengeName: name, ChallengeResponses: responses, Session: session }));
}

export async function signIn(
  calls: SignInCalls,
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
    let started: Awaited<ReturnType<Start>>;
    try {
      started = await START[candidate](calls, request);
    } catch (error) {
      if (flow === 'auto' && candidate === 'admin' && error instanceof AwsConfigError) {
        // Without this, a compute node would only hear "no AWS credentials" and never why they were needed.
        throw new AwsConfigError(`the app client ${target.clientId} allows neither USER_SRP_AUTH nor USER_PASSWORD_AUTH, and ADMIN_USER_PASSWORD_AUTH needs AWS credentials, which were not found`, {
          hint: 'allow SRP with `mmbatch-auth auth-flows set USER_SRP_AUTH,REFRESH_TOKEN_AUTH` (keeping the flows it has), or provide AWS credentials',
          code: error.code,
          cause: error,
        });
      }
      if (index < flows.length - 1 && isFlowNotEnabled(error)) {
        log.verbose(`  the app client does not allow the ${candidate} flow; trying ${flows[index + 1]}`);
        continue;
      }
      if (isFlowNotEnabled(error)) {
        throw new AwsError(`the app client ${target.clientId} does not allow ${flow === 'auto' ? 'the SRP, password or admin sign-in flows' : `the ${FLOW_NAMES[flow]} flow`}`, {
          hint: `allow it with \`mmbatch-auth auth-flows set ${flow === 'auto' ? 'USER_SRP_AUTH' : FLOW_NAMES[flow]},REFRESH_TOKEN_AUTH\` (keeping the flows it has), or choose another with --flow`,
          code: 'InvalidParameterException',
          cause: error,
        });
      }
      throw error;
    }
    const result = await answerChallenges(started.first, started.respond, target.username, secrets);
    return tokensFromResult(result, now());
  }
  throw new Error('unreachable: no sign-in flow was tried');
}
