// A sign-in with a password, by the flow asked for. `auto` costs nothing extra when the client
// allows SRP (the safe default setup creates): it tries the table's `auto` flows in order (SRP,
// then the admin flow, which needs AWS credentials) and moves on only on Cognito's "flow not
// enabled" answer. USER_PASSWORD_AUTH is never among them: only `--flow password` sends it.
import { AwsConfigError, AwsError } from '../../errors.js';
import { isAwsCode } from '../../aws/errors.js';
import { answerChallenges, userRespond, type Answered } from './challenges.js';
import type { HandedOver } from './handedOver.js';
import type { CredentialSources } from '../secrets.js';
import type { SignInCalls } from '../cognito/calls.js';
import { allowFlowCommand, type FlowTarget } from './allowFlow.js';
import { AUTO_FLOWS, FLOWS, type Flow, type FlowName, type SignInRequest, type StartFlow } from './table.js';
import { tokensFromResult, type Tokens } from '../store/tokens.js';

/** Cognito's answer when the app client does not list the flow in its ExplicitAuthFlows. */
export function isFlowNotEnabled(error: unknown): boolean {
  return isAwsCode(error, 'InvalidParameterException') && /not enabled|not allowed|not supported/i.test((error as Error).message);
}

export async function signIn(
  calls: SignInCalls,
  target: FlowTarget & { username: string },
  flow: Flow,
  secrets: CredentialSources,
  now: () => number,
  log: { verbose(line: string): void },
  /** What the lean path began (flows/handedOver.ts): a user flow's challenge to answer, or a flow found not enabled. */
  handedOver?: HandedOver,
): Promise<Tokens> {
  if (handedOver && 'step' in handedOver) {
    return tokensOf(calls, await answerChallenges(handedOver.step, userRespond(calls, target.clientId), target.username, secrets, calls), now);
  }
  const password = await secrets.password(target.username);
  const request: SignInRequest = { ...target, password };
  const flows: FlowName[] = flow === 'auto' ? AUTO_FLOWS : [flow];
  for (const [index, candidate] of flows.entries()) {
    if (handedOver?.notEnabled === candidate && index < flows.length - 1) {
      log.verbose(`  the app client does not allow the ${candidate} flow; trying ${flows[index + 1]}`);
      continue;
    }
    let started: Awaited<ReturnType<StartFlow>>;
    try {
      const { start } = await FLOWS[candidate].load();
      started = await start(calls, request);
    } catch (error) {
      if (flow === 'auto' && candidate === 'admin' && error instanceof AwsConfigError) {
        // Without this, a compute node would only hear "no AWS credentials" and never why they were needed.
        const tried = flows.slice(0, index).map((name) => FLOWS[name].authFlow);
        throw new AwsConfigError(`the app client ${target.clientId} does not allow ${tried.join(' or ')}, and ADMIN_USER_PASSWORD_AUTH needs AWS credentials, which were not found`, {
          hint: `allow SRP with ${await allowFlowCommand(calls, target, FLOWS.srp.authFlow, false)}, or provide AWS credentials`,
          code: error.code,
          cause: error,
        });
      }
      if (index < flows.length - 1 && isFlowNotEnabled(error)) {
        log.verbose(`  the app client does not allow the ${candidate} flow; trying ${flows[index + 1]}`);
        continue;
      }
      if (isFlowNotEnabled(error)) {
        const which = flow === 'auto' ? `the ${flows.map((name) => FLOWS[name].authFlow).join(', ')} flows` : `the ${FLOWS[flow].authFlow} flow`;
        const allow = await allowFlowCommand(calls, target, FLOWS[flow === 'auto' ? 'srp' : flow].authFlow);
        throw new AwsError(`the app client ${target.clientId} does not allow ${which}`, {
          hint:
            flow === 'auto'
              ? `allow SRP with ${allow}; \`--flow password\` sends the password itself to Cognito, and only when asked for by name`
              : `allow it with ${allow}, or choose another with --flow`,
          code: 'InvalidParameterException',
          cause: error,
        });
      }
      throw error;
    }
    return tokensOf(calls, await answerChallenges(started.first, started.respond, target.username, secrets, calls), now);
  }
  throw new Error('unreachable: no sign-in flow was tried');
}

async function tokensOf(calls: SignInCalls, { result, enrolledTotp }: Answered, now: () => number): Promise<Tokens> {
  const tokens = tokensFromResult(result, now());
  // Set up during the sign-in: make it the factor Cognito asks for (no SELECT_MFA_TYPE later).
  if (enrolledTotp) await calls.setUserMfaPreference({ AccessToken: tokens.accessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
  return tokens;
}
