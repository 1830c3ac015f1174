// The lean sign-in (in dist/freshToken.cjs): USER_SRP_AUTH with a password from --password-stdin or
// MMBATCH_AUTH_PASSWORD, by the full CLI's own code (flows/signIn.ts, flows/srp.ts, the challenges,
// auth/secrets.ts) over our JSON client, without commander, the ESM loader or the CLI's context.
//
// It answers what needs no terminal: PASSWORD_VERIFIER, and a new password or a one-time code given
// on stdin or in the environment. Whatever needs more (a prompt, setting up an authenticator app,
// another flow) throws HandOver; if Cognito had already answered the password, its challenge is
// handed to the full CLI (flows/handedOver.ts), which answers it without a second sign-in.
import { writeSync } from 'node:fs';
import type { IO } from '../cli/io/streams.js';
import type { Prompter } from '../cli/io/prompter.js';
import { credentialSources, type SecretsContext } from '../auth/secrets.js';
import { isFlowNotEnabled, signIn } from '../auth/flows/signIn.js';
import { stepOf, type AuthStep } from '../auth/flows/challenges.js';
import { handOverSignIn } from '../auth/flows/handedOver.js';
import type { AuthAnswer, SignInCalls } from '../auth/cognito/calls.js';
import type { CognitoJsonClient } from '../auth/cognito/jsonClient.js';
import type { CacheKey } from '../auth/store/tokenCache.js';
import type { Tokens } from '../auth/store/tokens.js';
import { AwsError } from '../errors.js';
import { HandOver } from './handOver.js';
import { visibleControls } from '../terminalText.js';
import { redactText } from '../redact.js';

export interface LeanSignInRequest {
  key: CacheKey;
  passwordStdin?: boolean;
  newPasswordStdin?: boolean;
  mfaCodeStdin?: boolean;
  /** --yes: never prompt. */
  yes?: boolean;
  /** `auto` or `srp`: the lean path signs in by SRP only. */
  flow: 'auto' | 'srp';
  /** --user-pool-id, --client-id: a hint that fixes the client must name it (it is not the settings file's). */
  userPoolId?: string;
  clientId?: string;
}

const noPrompts: Prompter = {
  input: () => Promise.reject(new HandOver('a prompt')),
  password: () => Promise.reject(new HandOver('a prompt')),
  confirm: () => Promise.reject(new HandOver('a prompt')),
  select: () => Promise.reject(new HandOver('a prompt')),
};

/** stderr lines said on the way: printed when the lean path ends the run, dropped when the full CLI (which says them again) takes over. */
export interface HeldLines {
  lines: string[];
  print(): void;
}

function leanContext(env: NodeJS.ProcessEnv, yes: boolean | undefined, held: HeldLines): SecretsContext {
  // Asked only when a secret would come from stdin or a prompt: node:tty, or the stream itself, costs
  // a few milliseconds a sign-in with MMBATCH_AUTH_PASSWORD does without.
  const io = {
    get stdin() {
      return process.stdin;
    },
    get stdinIsTTY() {
      return Boolean(process.stdin.isTTY);
    },
  } as unknown as IO;
  const say = (line: string) => held.lines.push(`mmbatch-auth: ${visibleControls(redactText(line))}\n`);
  return {
    env,
    io,
    // As cli/context.ts isInteractive decides, asked only when a secret would otherwise be missing.
    get interactive() {
      return !yes && !env.CI && Boolean(process.stdin.isTTY);
    },
    prompter: noPrompts,
    log: { info: () => undefined, warn: say, verbose: () => undefined },
  };
}

export function holdLines(): HeldLines {
  const lines: string[] = [];
  return {
    lines,
    print: () => {
      for (const line of lines) writeSync(2, line);
    },
  };
}

/** Cognito's two unsigned calls through our client; anything else a challenge needs is the full CLI's. */
function leanCalls(json: CognitoJsonClient, seen: (step: AuthStep) => void): SignInCalls {
  const answer = async (call: Promise<AuthAnswer>) => {
    const response = await call;
    seen(stepOf(response));
    return response;
  };
  const elsewhere = () => Promise.reject(new HandOver('a call only the full CLI makes'));
  return {
    initiateAuth: (input, sent) => answer(json.call<AuthAnswer>('InitiateAuth', input, sent)),
    respondToAuthChallenge: (input) => answer(json.call<AuthAnswer>('RespondToAuthChallenge', input)),
    revokeToken: elsewhere,
    associateSoftwareToken: elsewhere,
    verifySoftwareToken: elsewhere,
    setUserMfaPreference: elsewhere,
    getUser: elsewhere,
    adminClient: elsewhere,
    destroy: () => json.destroy(),
  };
}

/** Signs in by SRP; throws HandOver (with any pending challenge handed over) where the full CLI must go on. */
export async function leanSignIn(json: CognitoJsonClient, request: LeanSignInRequest, env: NodeJS.ProcessEnv, held: HeldLines): Promise<Tokens> {
  const { key } = request;
  const secrets = credentialSources(leanContext(env, request.yes, held), request);
  let latest: AuthStep | undefined;
  const calls = leanCalls(json, (step) => (latest = step));
  try {
    const from = request.userPoolId || request.clientId ? 'flags' : 'settings';
    return await signIn(calls, { ...key, from }, 'srp', secrets, Date.now, { verbose: () => undefined });
  } catch (error) {
    if (error instanceof HandOver) {
      if (latest?.challenge && latest.challenge.name !== 'PASSWORD_VERIFIER') handOverSignIn(key, { step: latest });
      throw error;
    }
    // `auto` goes on to the admin flow (the AWS SDK) when the client does not allow SRP.
    if (request.flow === 'auto' && error instanceof AwsError && isFlowNotEnabled(error.cause)) {
      handOverSignIn(key, { notEnabled: 'srp' });
      throw new HandOver('SRP is not enabled');
    }
    throw error;
  }
}
