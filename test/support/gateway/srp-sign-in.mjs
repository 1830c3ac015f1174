// USER_SRP_AUTH, which cognito-local lacks: InitiateAuth answers PASSWORD_VERIFIER, RespondToAuthChallenge checks the proof.
import { randomBytes } from 'node:crypto';
import { isPasswordClaimValid, startSrpExchange } from '../srp-server.mjs';
import { AwsError } from './wire-errors.mjs';
import {
  incorrectCredentials,
  missingParameter,
  requireAppClient,
  requireFlowEnabled,
  requireSecretHash,
  userNotFound,
} from './sign-in-rules.mjs';

/** How long a PASSWORD_VERIFIER challenge can be answered (Cognito's sessions last minutes, not hours). */
const CHALLENGE_LIFETIME_MS = 5 * 60 * 1000;

/**
 * @typedef {object} PendingChallenge
 * @property {string} clientId
 * @property {string} poolId
 * @property {string} userIdForSrp  cognito-local's username, which Cognito hands out as USER_ID_FOR_SRP
 * @property {boolean} userExists    false for the decoy challenge that hides an unknown user
 * @property {Buffer} passwordKey
 * @property {number} expiresAt
 */

/**
 * @param {{ store: import('./sign-in-rules.mjs').Store, completeSignIn: import('./sign-in-rules.mjs').CompleteSignIn }} deps
 */
export function createSrpSignIn({ store, completeSignIn }) {
  /** Keyed by the SECRET_BLOCK we handed out, which the client sends back. @type {Map<string, PendingChallenge>} */
  const pending = new Map();

  /** InitiateAuth with AuthFlow USER_SRP_AUTH. @param {Record<string, any>} input */
  async function initiate(input) {
    const client = await requireAppClient(store, input.ClientId);
    requireFlowEnabled(client, 'USER_SRP_AUTH');
    const { USERNAME: username, SRP_A: srpA, SECRET_HASH: secretHash } = input.AuthParameters ?? {};
    if (!username) throw missingParameter('USERNAME');
    if (!srpA) throw missingParameter('SRP_A');
    requireSecretHash(client, username, secretHash);

    const poolId = client.UserPoolId;
    const user = await store.findUser(poolId, username);
    if (!user && client.PreventUserExistenceErrors !== 'ENABLED') throw userNotFound(client);
    // With user existence hidden, an unknown user still gets a challenge, one no password can answer.
    const userIdForSrp = user?.Username ?? username;
    const exchange = startExchangeOrRefuse({
      poolName: poolNameOf(poolId),
      userIdForSrp,
      password: user?.Password ?? randomBytes(32).toString('hex'),
      srpA,
    });

    dropExpired();
    const secretBlock = randomBytes(96).toString('base64');
    pending.set(secretBlock, {
      clientId: client.ClientId,
      poolId,
      userIdForSrp,
      userExists: Boolean(user),
      passwordKey: exchange.passwordKey,
      expiresAt: Date.now() + CHALLENGE_LIFETIME_MS,
    });
    return {
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeParameters: {
        SALT: exchange.salt,
        SECRET_BLOCK: secretBlock,
        SRP_B: exchange.srpB,
        USERNAME: userIdForSrp,
        USER_ID_FOR_SRP: userIdForSrp,
      },
    };
  }

  /** RespondToAuthChallenge with ChallengeName PASSWORD_VERIFIER. @param {Record<string, any>} input */
  async function answer(input) {
    const responses = input.ChallengeResponses ?? {};
    for (const name of ['USERNAME', 'PASSWORD_CLAIM_SECRET_BLOCK', 'PASSWORD_CLAIM_SIGNATURE', 'TIMESTAMP']) {
      if (!responses[name]) throw missingParameter(name);
    }
    const challenge = pending.get(responses.PASSWORD_CLAIM_SECRET_BLOCK);
    pending.delete(responses.PASSWORD_CLAIM_SECRET_BLOCK); // one answer per challenge, right or wrong
    if (!challenge || challenge.expiresAt < Date.now() || challenge.clientId !== input.ClientId) {
      throw new AwsError('NotAuthorizedException', 'Invalid session for the user.');
    }
    const client = await requireAppClient(store, input.ClientId);
    requireSecretHash(client, responses.USERNAME, responses.SECRET_HASH);

    // The client may name the user by any sign-in name (e-mail, sub, username); it must be the challenged one.
    const user = challenge.userExists ? await store.findUser(challenge.poolId, responses.USERNAME) : undefined;
    const proven =
      user?.Username === challenge.userIdForSrp &&
      isPasswordClaimValid({
        passwordKey: challenge.passwordKey,
        poolName: poolNameOf(challenge.poolId),
        userIdForSrp: challenge.userIdForSrp,
        secretBlock: responses.PASSWORD_CLAIM_SECRET_BLOCK,
        timestamp: responses.TIMESTAMP,
        signature: responses.PASSWORD_CLAIM_SIGNATURE,
      });
    if (!proven || !user) throw incorrectCredentials();
    return completeSignIn(client, user);
  }

  function dropExpired() {
    const now = Date.now();
    for (const [secretBlock, challenge] of pending) if (challenge.expiresAt < now) pending.delete(secretBlock);
  }

  return { initiate, answer };
}

/** The part of a pool id after the region prefix ('us-east-1_AbC123' → 'AbC123'), which SRP hashes in. @param {string} poolId */
function poolNameOf(poolId) {
  return poolId.slice(poolId.indexOf('_') + 1);
}

/** @param {Parameters<typeof startSrpExchange>[0]} input */
function startExchangeOrRefuse(input) {
  try {
    return startSrpExchange(input);
  } catch (error) {
    if (error instanceof RangeError) throw new AwsError('InvalidParameterException', error.message);
    throw error;
  }
}
