import { randomBytes } from 'node:crypto';
import { cognitoIdentityError } from '../errors.mjs';
import { isTrustPolicyEffective, roleOfArn } from '../iam/propagation.mjs';
import { evaluateTrustPolicy } from '../iam/trust-policy.mjs';
import { ConstraintCheck } from '../validate.mjs';
import { IDENTITY_ID, checkLogins, linkLogins, loginsDoNotMatch, unauthenticatedRefused } from './identities.mjs';
import { loginKey, verifyLogins } from './login-tokens.mjs';
import { ARN_STRING, expectTypes, findPool } from './pools.mjs';
import { roleForLogin } from './role-mappings.mjs';

const COGNITO_IDENTITY = 'cognito-identity.amazonaws.com';
const CREDENTIALS_LIFETIME_SECONDS = 3600;
const UPPER_ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * Whatever goes wrong between the pool's role and STS, Cognito answers with this one error (the API reference:
 * "the identity pool has no authenticated role configured, or STS returned an error response to the request to
 * assume the authenticated role"; the message as users quote it, e.g. amazon-cognito-auth-js#196).
 */
const invalidConfiguration = () =>
  cognitoIdentityError.invalidIdentityPoolConfiguration('Invalid identity pool configuration. Check assigned IAM roles for this pool.');

/**
 * Temporary credentials for an identity (the enhanced flow): the logins are checked again, the pool's role is chosen
 * (role mappings first, then the authenticated role), and STS's AssumeRoleWithWebIdentity is emulated: the role must
 * exist, be propagated, and trust this identity pool through its trust policy (iam/trust-policy.mjs).
 * @type {import('./index.mjs').CognitoIdentityOperation}
 */
export async function getCredentialsForIdentity(body, { state, ctx, logins: providers }) {
  expectTypes(body, { IdentityId: 'string', Logins: 'map<string>', CustomRoleArn: 'string' });
  const check = new ConstraintCheck();
  check.string(body.IdentityId, 'identityId', { ...IDENTITY_ID, required: true });
  checkLogins(body.Logins, check);
  check.string(body.CustomRoleArn, 'customRoleArn', ARN_STRING);
  check.throwIfFailed(cognitoIdentityError.validation);

  const identity = state.cognitoIdentity.identities.get(body.IdentityId);
  if (!identity) throw cognitoIdentityError.resourceNotFound(`Identity '${body.IdentityId}' not found.`);
  const pool = findPool(state, ctx, identity.IdentityPoolId);
  const logins = body.Logins ?? {};

  /** @type {string | undefined} */
  let roleArn;
  /** @type {string[]} */
  let amr;
  if (Object.keys(logins).length > 0) {
    const verified = await verifyLogins(pool, logins, providers);
    const linked = verified.filter((login) => state.cognitoIdentity.identityOfLogin.get(loginKey(pool.IdentityPoolId, login)) === identity.IdentityId);
    // Someone else's login is not this identity's; a guest identity that signs in becomes that user's identity.
    if (linked.length === 0 && (identity.authenticated || verified.some((l) => state.cognitoIdentity.identityOfLogin.has(loginKey(pool.IdentityPoolId, l))))) {
      throw loginsDoNotMatch();
    }
    if (linked.length === 0) linkLogins(state, pool, identity, verified);
    const login = linked[0] ?? verified[0];
    roleArn = roleForLogin(pool, login, body.CustomRoleArn);
    amr = ['authenticated', ...verified.flatMap((l) => [l.providerName, `${l.providerName}:CognitoSignIn:${l.sub}`])];
  } else {
    if (identity.authenticated) throw loginsDoNotMatch();
    if (!pool.AllowUnauthenticatedIdentities) throw unauthenticatedRefused();
    roleArn = pool.roles.unauthenticated;
    amr = ['unauthenticated'];
  }
  if (!roleArn) throw invalidConfiguration();

  const role = roleOfArn(state, roleArn, ctx.accountId);
  if (!role || !isTrustPolicyEffective(state, role)) throw invalidConfiguration();
  const decision = evaluateTrustPolicy(role.AssumeRolePolicyDocument, {
    principal: { type: 'Federated', id: COGNITO_IDENTITY },
    action: 'sts:AssumeRoleWithWebIdentity',
    context: {
      [`${COGNITO_IDENTITY}:aud`]: [pool.IdentityPoolId],
      [`${COGNITO_IDENTITY}:amr`]: amr,
      [`${COGNITO_IDENTITY}:sub`]: [identity.IdentityId],
    },
  });
  if (decision !== 'allow') throw invalidConfiguration();

  const expiration = Math.floor(Date.now() / 1000) + CREDENTIALS_LIFETIME_SECONDS;
  const AccessKeyId = `ASIA${randomChars(16)}`;
  identity.roleArn = role.Arn;
  identity.credentials.push({ roleArn: role.Arn, AccessKeyId, expiration });
  return {
    IdentityId: identity.IdentityId,
    // awsJson1_1 sends timestamps as epoch seconds.
    Credentials: { AccessKeyId, SecretKey: randomBytes(30).toString('base64'), SessionToken: randomBytes(256).toString('base64'), Expiration: expiration },
  };
}

/** @param {number} n */
function randomChars(n) {
  let out = '';
  for (const byte of randomBytes(n)) out += UPPER_ALPHANUMERIC[byte % UPPER_ALPHANUMERIC.length];
  return out;
}
