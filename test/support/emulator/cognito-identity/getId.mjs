import { cognitoIdentityError } from '../errors.mjs';
import { ConstraintCheck } from '../validate.mjs';
import { checkLogins, identityForLogins, newIdentity, unauthenticatedRefused } from './identities.mjs';
import { verifyLogins } from './login-tokens.mjs';
import { IDENTITY_POOL_ID, expectTypes, findPool } from './pools.mjs';

const ACCOUNT_ID = { min: 1, max: 15, pattern: /^\d+$/, patternText: '\\d+' };

/**
 * The identity of whoever the logins prove, made on first use: the same user always gets the same IdentityId.
 * Without logins, a new unauthenticated identity, if the pool allows them.
 * @type {import('./index.mjs').CognitoIdentityOperation}
 */
export async function getId(body, { state, ctx, logins: providers }) {
  expectTypes(body, { IdentityPoolId: 'string', AccountId: 'string', Logins: 'map<string>' });
  const check = new ConstraintCheck();
  check.string(body.IdentityPoolId, 'identityPoolId', { ...IDENTITY_POOL_ID, required: true });
  check.string(body.AccountId, 'accountId', ACCOUNT_ID);
  checkLogins(body.Logins, check);
  check.throwIfFailed(cognitoIdentityError.validation);

  const pool = findPool(state, ctx, body.IdentityPoolId);
  const logins = body.Logins ?? {};
  if (Object.keys(logins).length === 0) {
    if (!pool.AllowUnauthenticatedIdentities) throw unauthenticatedRefused();
    return { IdentityId: newIdentity(state, pool, false).IdentityId };
  }
  const verified = await verifyLogins(pool, logins, providers);
  return { IdentityId: identityForLogins(state, pool, verified).IdentityId };
}
