import { cognitoIdentityError } from '../errors.mjs';
import { ConstraintCheck } from '../validate.mjs';
import { expectTypes } from './pools.mjs';

const QUERY_LIMIT = { min: 1, max: 60 };
const PAGINATION_KEY = { min: 1, max: 65535, pattern: /^\S+$/, patternText: '[\\S]+' };

/**
 * Pools of the request's region, oldest first. The NextToken names the first pool of the next
 * page, so a pool deleted between calls does not shift the rest.
 * @type {import('./index.mjs').CognitoIdentityOperation}
 */
export async function listIdentityPools(body, { state, ctx }) {
  expectTypes(body, { MaxResults: 'integer', NextToken: 'string' });
  const check = new ConstraintCheck();
  check.number(body.MaxResults, 'maxResults', { ...QUERY_LIMIT, required: true });
  check.string(body.NextToken, 'nextToken', PAGINATION_KEY);
  check.throwIfFailed(cognitoIdentityError.validation);

  const pools = [...state.cognitoIdentity.pools.values()].filter((pool) => pool.region === ctx.region);
  let start = 0;
  if (body.NextToken !== undefined && body.NextToken !== null) {
    const nextId = Buffer.from(body.NextToken, 'base64url').toString('utf8');
    start = pools.findIndex((pool) => pool.IdentityPoolId === nextId);
    if (start < 0) throw cognitoIdentityError.invalidParameter('Invalid NextToken.');
  }
  const page = pools.slice(start, start + body.MaxResults);
  const next = pools[start + body.MaxResults];
  return {
    IdentityPools: page.map((pool) => ({ IdentityPoolId: pool.IdentityPoolId, IdentityPoolName: pool.IdentityPoolName })),
    NextToken: next ? Buffer.from(next.IdentityPoolId, 'utf8').toString('base64url') : undefined,
  };
}
