// src/auth/flows/: one file per sign-in flow, the FLOWS table (this file), the runner (signIn.ts),
// the challenges every flow answers alike, and the refresh-token renewal.
// The sign-in flows, one file each in this folder, and this one table: it feeds `--flow` (the token
// and login specs take their choices from it), `auto` (the table's order), and the fast path (which
// checks `--flow` against the same choices). A new flow is one file here and one row below.
//
// Only types are imported here and each flow's module is loaded when it is tried: the admin flow's
// brings the AWS SDK (its call is signed), the SRP flow's the SRP maths.
import type { AuthStep, RespondToChallenge } from './challenges.js';
import type { SignInCalls } from '../cognito/calls.js';

export interface SignInRequest {
  userPoolId: string;
  clientId: string;
  username: string;
  password: string;
}

/** A flow's first call, and how its challenges are answered (the user or the admin variant). */
export type StartFlow = (calls: SignInCalls, request: SignInRequest) => Promise<{ first: AuthStep; respond: RespondToChallenge }>;

interface FlowRow {
  /** Cognito's name for it, in messages and hints. */
  authFlow: string;
  /**
   * Whether `auto` tries it (in the table's order) when the flows before it are not enabled. Never
   * for a flow that sends the password itself to Cognito without AWS credentials (USER_PASSWORD_AUTH):
   * an answer naming a pool without SRP must not talk `auto` into sending the password in the clear.
   */
  auto: boolean;
  load: () => Promise<{ start: StartFlow }>;
}

export const FLOWS = {
  srp: { authFlow: 'USER_SRP_AUTH', auto: true, load: () => import('./srp.js') },
  password: { authFlow: 'USER_PASSWORD_AUTH', auto: false, load: () => import('./password.js') },
  admin: { authFlow: 'ADMIN_USER_PASSWORD_AUTH', auto: true, load: () => import('./admin.js') },
} as const satisfies Record<string, FlowRow>;

export type FlowName = keyof typeof FLOWS;
export type Flow = 'auto' | FlowName;

/** What `--flow` accepts. */
export const FLOW_CHOICES = ['auto', ...(Object.keys(FLOWS) as FlowName[])] as readonly Flow[];

/** The flows `auto` tries, in order. */
export const AUTO_FLOWS = (Object.keys(FLOWS) as FlowName[]).filter((name) => FLOWS[name].auto);
