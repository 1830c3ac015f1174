import { iamError } from '../errors.mjs';
import { ConstraintCheck } from '../validate.mjs';
import { PATH_PREFIX, page, readPaging, roleOutput } from './roles.mjs';

/** @type {import('./index.mjs').IamOperation} */
export async function listRoles(params, { state }) {
  const check = new ConstraintCheck();
  check.string(params.PathPrefix, 'pathPrefix', PATH_PREFIX);
  const paging = readPaging(params, check);
  check.throwIfFailed(iamError.validation);

  const prefix = params.PathPrefix ?? '/';
  const entries = [...state.iam.roles.entries()]
    .filter(([, role]) => role.Path.startsWith(prefix))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, role]) => ({ key, item: roleOutput(role, 'list') }));
  const { page: roles, IsTruncated, Marker } = page(entries, paging);
  return { Roles: roles, IsTruncated, Marker };
}
