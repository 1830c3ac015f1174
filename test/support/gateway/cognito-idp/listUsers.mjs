import { pageOf } from '../paging.mjs';

/** Limit 0 to 60, 60 by default (API reference), with a PaginationToken; cognito-local returns everyone at once. @type {import('../cognito-idp.mjs').IdpOperation} */
export async function listUsers(input, { cognitoLocal }) {
  const { Limit, PaginationToken, ...query } = input;
  const { Users = [] } = await cognitoLocal.call('ListUsers', query);
  const { page, next } = pageOf(Users, (user) => user.Username, {
    size: Limit,
    token: PaginationToken,
    sizeMember: 'limit',
    tokenMember: 'PaginationToken',
    min: 0,
    max: 60,
    defaultSize: 60,
  });
  return { Users: page, ...(next ? { PaginationToken: next } : {}) };
}
