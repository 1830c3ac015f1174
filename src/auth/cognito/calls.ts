// src/auth/cognito/: the sign-in calls: this interface, our JSON client, the SDK fallback, endpoint rules.
// The Cognito calls a user's own sign-in makes, as one interface with two implementations: a small
// JSON client of our own (jsonClient.ts, the usual case: no AWS SDK to load before the first call)
// and the AWS SDK (sdk.ts, when the AWS configuration asks for something the small client does not
// do, e.g. FIPS endpoints: endpoint.ts decides). The flows (SRP, password, refresh, revoke) are
// written against this interface only, so they never decide which one runs; openSignInCalls does.
//
// Names and shapes are Cognito's own (awsJson1_1 members), so either implementation passes them on
// unchanged and cognito-srp-helper's wrap* functions accept them.
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../cli/context.js';
import { callPolicy } from '../../aws/policy.js';
import type { AuthenticationResultLike } from '../store/tokens.js';
import { CognitoJsonClient } from './jsonClient.js';
import { resolveSignInEndpoint } from './endpoint.js';
import { warnIfPlainHttp } from '../../plainHttp.js';

/** The unsigned operations: they need no AWS credentials. */
export type UnsignedOperation =
  | 'InitiateAuth'
  | 'RespondToAuthChallenge'
  | 'RevokeToken'
  // TOTP, authorized by the user's access token or by an MFA_SETUP challenge's session:
  | 'AssociateSoftwareToken'
  | 'VerifySoftwareToken'
  | 'SetUserMFAPreference'
  | 'GetUser';

export interface InitiateAuthInput {
  ClientId: string;
  AuthFlow: 'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH' | 'REFRESH_TOKEN_AUTH';
  AuthParameters: Record<string, string>;
}

export interface RespondToAuthChallengeInput {
  ClientId: string;
  ChallengeName: string;
  ChallengeResponses: Record<string, string>;
  Session?: string;
}

export interface RevokeTokenInput {
  ClientId: string;
  Token: string;
}

/** The user named by an access token, or by an MFA_SETUP challenge's session (not both). */
export type TotpUser = { AccessToken: string } | { Session: string };

export interface VerifySoftwareTokenAnswer {
  Status?: 'SUCCESS' | 'ERROR';
  /** With a session: the one RespondToAuthChallenge MFA_SETUP then takes. */
  Session?: string;
}

export interface GetUserAnswer {
  Username?: string;
  UserAttributes?: { Name?: string; Value?: string }[];
  UserMFASettingList?: string[];
  PreferredMfaSetting?: string;
}

/** InitiateAuth's and RespondToAuthChallenge's answer: tokens, or the next challenge. */
export interface AuthAnswer {
  AuthenticationResult?: AuthenticationResultLike;
  ChallengeName?: string;
  Session?: string;
  ChallengeParameters?: Record<string, string>;
}

export interface SignInCalls {
  /**
   * `sent`, when given, is called once: when the request has left (our JSON client), or at once
   * (the SDK, which does not say). The SRP flow loads the rest of its maths in the meantime.
   */
  initiateAuth(input: InitiateAuthInput, sent?: () => void): Promise<AuthAnswer>;
  respondToAuthChallenge(input: RespondToAuthChallengeInput): Promise<AuthAnswer>;
  revokeToken(input: RevokeTokenInput): Promise<void>;
  /** A new TOTP secret (base32) for the user, pending until verified. */
  associateSoftwareToken(input: TotpUser): Promise<{ SecretCode?: string; Session?: string }>;
  /** The first code from the authenticator app, proving it holds the secret. */
  verifySoftwareToken(input: TotpUser & { UserCode: string; FriendlyDeviceName?: string }): Promise<VerifySoftwareTokenAnswer>;
  /** The user's own MFA choice: TOTP on (and preferred), or off. */
  setUserMfaPreference(input: { AccessToken: string; SoftwareTokenMfaSettings: { Enabled: boolean; PreferredMfa: boolean } }): Promise<void>;
  getUser(input: { AccessToken: string }): Promise<GetUserAnswer>;
  /**
   * The AWS SDK client for the admin flow (AdminInitiateAuth is signed with the operator's
   * credentials), built on first use: a sign-in that never reaches the admin flow never loads it.
   */
  adminClient(): Promise<CognitoIdentityProviderClient>;
  /** Closes kept-alive connections, so the process can exit at once. */
  destroy(): void;
}

/**
 * The sign-in calls for one run: our own JSON client when the endpoint is one it can reach as the
 * SDK would (nearly always), else the AWS SDK. Either way the admin flow's signed client is the
 * SDK's, built only if that flow is reached, so `token`, `login` and `logout` load no SDK code
 * unless they need AWS credentials or an endpoint only the SDK knows how to find.
 */
export async function openSignInCalls(ctx: Context, region: string): Promise<SignInCalls> {
  const endpoint = resolveSignInEndpoint({ region, endpointUrl: ctx.globals.endpointUrl, profile: ctx.globals.profile }, ctx.env);
  if ('sdk' in endpoint) {
    ctx.log.verbose(`  ${endpoint.sdk}: signing in through the AWS SDK`);
    const { sdkSignInCalls } = await import('./sdk.js');
    return sdkSignInCalls(ctx, region);
  }
  warnIfPlainHttp(ctx.log.warn, endpoint.url, 'AWS endpoint');
  const json = new CognitoJsonClient({ endpoint: endpoint.url, policy: callPolicy(ctx.env), verbose: ctx.log.verbose });
  let admin: Promise<CognitoIdentityProviderClient> | undefined;
  return {
    initiateAuth: (input, sent) => json.call<AuthAnswer>('InitiateAuth', input, sent),
    respondToAuthChallenge: (input) => json.call<AuthAnswer>('RespondToAuthChallenge', input),
    revokeToken: async (input) => {
      await json.call('RevokeToken', input);
    },
    associateSoftwareToken: (input) => json.call('AssociateSoftwareToken', input),
    verifySoftwareToken: (input) => json.call('VerifySoftwareToken', input),
    setUserMfaPreference: async (input) => {
      await json.call('SetUserMFAPreference', input);
    },
    getUser: (input) => json.call('GetUser', input),
    adminClient: () => (admin ??= import('./sdk.js').then(({ createSignInClient }) => createSignInClient(ctx, region))),
    destroy: () => {
      json.destroy();
      void admin?.then((client) => client.destroy()).catch(() => undefined);
    },
  };
}
