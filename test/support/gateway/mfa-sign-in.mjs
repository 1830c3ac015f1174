// TOTP MFA during sign-in, which the gateway runs itself (cognito-local's own MFA is never turned on: it gets
// MfaConfiguration OFF). Once a password is proven: a user whose TOTP is on gets SOFTWARE_TOKEN_MFA; in a pool that
// requires MFA a user without it gets MFA_SETUP (AssociateSoftwareToken and VerifySoftwareToken with the session,
// then RespondToAuthChallenge MFA_SETUP); everyone else gets tokens.
import { randomBytes } from 'node:crypto';
import { mfaKey } from './gateway-state.mjs';
import { issueTokens, missingParameter, requireAppClient, userDisabled } from './sign-in-rules.mjs';
import { isTotpValid } from './totp.mjs';
import { AwsError } from './wire-errors.mjs';

/** @typedef {import('./gateway-state.mjs').GatewayState} GatewayState */
/** @typedef {import('./gateway-state.mjs').AuthSession} AuthSession */
/** @typedef {import('./sign-in-rules.mjs').StoredAppClient} StoredAppClient */
/** @typedef {import('./sign-in-rules.mjs').StoredUser} StoredUser */

export const invalidSession = () => new AwsError('NotAuthorizedException', 'Invalid session for the user.');
const expiredSession = () => new AwsError('NotAuthorizedException', 'Invalid session for the user, session is expired.');
export const codeMismatch = () => new AwsError('CodeMismatchException', 'Invalid code received for user');

/**
 * Whether the user's TOTP counts for sign-in: verified, and turned on (in a pool that requires MFA, always).
 * @param {GatewayState} state @param {string} poolId @param {string} username
 */
export function totpActive(state, poolId, username) {
  const mfa = state.mfa.get(mfaKey(poolId, username));
  return Boolean(mfa?.secret && (mfa.enabled || state.pools.get(poolId)?.MfaConfiguration === 'ON'));
}

/**
 * @param {{ cognitoLocal: import('./sign-in-rules.mjs').CognitoLocal, store: import('./sign-in-rules.mjs').Store, state: GatewayState }} deps
 */
export function createMfaSignIn({ cognitoLocal, store, state }) {
  /**
   * The MFA challenge due, if any.
   * @param {string} poolId @param {string} username @returns {'SOFTWARE_TOKEN_MFA' | 'MFA_SETUP' | undefined}
   */
  function challengeDue(poolId, username) {
    const mode = state.pools.get(poolId)?.MfaConfiguration ?? 'OFF';
    if (mode === 'OFF') return undefined;
    if (totpActive(state, poolId, username)) return 'SOFTWARE_TOKEN_MFA';
    return mode === 'ON' ? 'MFA_SETUP' : undefined;
  }

  /** @type {import('./sign-in-rules.mjs').CompleteSignIn} */
  async function completeSignIn(client, user) {
    if (user.Enabled === false) throw userDisabled();
    // A temporary password (NEW_PASSWORD_REQUIRED) or an unconfirmed user is cognito-local's to answer; MFA follows.
    const challenge = user.UserStatus === 'CONFIRMED' ? challengeDue(client.UserPoolId, user.Username) : undefined;
    if (!challenge) return issueTokens(cognitoLocal, client, user);
    const session = openSession({ challenge, poolId: client.UserPoolId, clientId: client.ClientId, username: user.Username, verified: false, expiresAt: sessionExpiry(client) });
    const friendly = state.mfa.get(mfaKey(client.UserPoolId, user.Username))?.FriendlyDeviceName;
    return {
      ChallengeName: challenge,
      Session: session,
      ChallengeParameters:
        challenge === 'MFA_SETUP'
          ? { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]', USER_ID_FOR_SRP: user.Username }
          : { USER_ID_FOR_SRP: user.Username, ...(friendly ? { FRIENDLY_DEVICE_NAME: friendly } : {}) },
    };
  }

  /**
   * RespondToAuthChallenge (or the admin variant) with SOFTWARE_TOKEN_MFA or MFA_SETUP.
   * @param {Record<string, any>} input @param {string} [poolId] the pool an admin call names
   */
  async function answer(input, poolId) {
    const client = await requireAppClient(store, input.ClientId, poolId);
    const responses = input.ChallengeResponses ?? {};
    if (!responses.USERNAME) throw missingParameter('USERNAME');
    const pending = sessionOf(input.Session, client.ClientId);
    if (pending.challenge !== input.ChallengeName) throw invalidSession();
    if (input.ChallengeName === 'SOFTWARE_TOKEN_MFA') {
      if (!responses.SOFTWARE_TOKEN_MFA_CODE) throw missingParameter('SOFTWARE_TOKEN_MFA_CODE');
      const secret = state.mfa.get(mfaKey(pending.poolId, pending.username))?.secret;
      // A wrong code leaves the session open for another try, as Cognito does within the session's lifetime.
      if (!secret || !isTotpValid(secret, responses.SOFTWARE_TOKEN_MFA_CODE)) throw codeMismatch();
    } else if (!pending.verified) {
      throw new AwsError('InvalidParameterException', 'The software token has not been verified (VerifySoftwareToken with this session).');
    }
    state.sessions.delete(input.Session);
    const user = await store.findUser(pending.poolId, pending.username);
    if (!user) throw invalidSession();
    return issueTokens(cognitoLocal, client, user);
  }

  /**
   * The pending session a string names; it must belong to this client when one is named.
   * @param {unknown} session @param {string} [clientId] @returns {AuthSession}
   */
  function sessionOf(session, clientId) {
    const pending = typeof session === 'string' ? state.sessions.get(session) : undefined;
    if (!pending || (clientId && pending.clientId !== clientId)) throw invalidSession();
    if (pending.expiresAt < Date.now()) {
      state.sessions.delete(/** @type {string} */ (session));
      throw expiredSession();
    }
    return pending;
  }

  /** Hands the session on under a new string, as Cognito answers each step of a challenge with a new Session. @param {string} old */
  function renewSession(old) {
    const pending = state.sessions.get(old);
    if (!pending) throw invalidSession();
    state.sessions.delete(old);
    return openSession(pending);
  }

  /** @param {AuthSession} pending */
  function openSession(pending) {
    for (const [key, s] of state.sessions) if (s.expiresAt < Date.now()) state.sessions.delete(key);
    const session = randomBytes(192).toString('base64url');
    state.sessions.set(session, pending);
    return session;
  }

  return { completeSignIn, answer, sessionOf, renewSession };
}

/** A client's AuthSessionValidity (minutes, 3 by default) bounds each challenge. @param {Record<string, any>} client */
function sessionExpiry(client) {
  return Date.now() + (client.AuthSessionValidity ?? 3) * 60 * 1000;
}

/** @typedef {ReturnType<typeof createMfaSignIn>} MfaSignIn */
