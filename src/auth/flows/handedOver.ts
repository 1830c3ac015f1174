// A sign-in the lean path (src/fast/signIn.ts, its own bundle) began and the full CLI finishes:
// either the password was proven and Cognito asks for something only the full CLI can give (a
// prompt, an authenticator app's set-up), or the client does not allow SRP and `auto` goes on to the
// admin flow (the AWS SDK). The full CLI, started in the same process, answers that very challenge,
// or skips SRP, instead of asking Cognito again: the password is never sent twice. Kept in the
// global symbol registry because the two bundles share no module instance (as flows/refresh.ts's refusals).
import type { AuthStep } from './challenges.js';
import type { FlowName } from './table.js';
import type { CacheKey } from '../store/tokenCache.js';

const PENDING = Symbol.for('mmbatch-auth.handedOverSignIn');

export type HandedOver = { step: AuthStep } | { notEnabled: FlowName };

interface Pending {
  key: CacheKey;
  handedOver: HandedOver;
}

const holder = () => globalThis as { [PENDING]?: Pending };

const sameKey = (a: CacheKey, b: CacheKey) =>
  a.region === b.region && a.userPoolId === b.userPoolId && a.clientId === b.clientId && a.username.toLowerCase() === b.username.toLowerCase();

export function handOverSignIn(key: CacheKey, handedOver: HandedOver): void {
  holder()[PENDING] = { key, handedOver };
}

/** What was handed over for this key, once: a second sign-in in the same run starts afresh. */
export function takeHandedOverSignIn(key: CacheKey): HandedOver | undefined {
  const pending = holder()[PENDING];
  delete holder()[PENDING];
  return pending && sameKey(pending.key, key) ? pending.handedOver : undefined;
}
