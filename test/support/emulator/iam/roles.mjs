// What the IAM role operations share: parameter rules from the IAM API reference, role lookup,
// the Role shape as IAM answers it, tags, and Marker/MaxItems paging.
import { iamError } from '../errors.mjs';
import { encodePolicyDocument } from './policy.mjs';
import { integerParam, memberList } from './params.mjs';

/** @typedef {import('../state.mjs').Role} Role */
/** @typedef {import('../state.mjs').EmulatorState} EmulatorState */
/** @typedef {import('../validate.mjs').ConstraintCheck} ConstraintCheck */

export const ROLE_NAME = { min: 1, max: 64, pattern: /^[\w+=,.@-]+$/, patternText: '[\\w+=,.@-]+' };
export const POLICY_NAME = { min: 1, max: 128, pattern: /^[\w+=,.@-]+$/, patternText: '[\\w+=,.@-]+' };
export const PATH = {
  min: 1, max: 512, pattern: /^(?:\/|\/[\x21-\x7E]+\/)$/, patternText: '(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)',
};
export const PATH_PREFIX = { min: 1, max: 512, pattern: /^\/[\x21-\x7F]*$/, patternText: '\\u002F[\\u0021-\\u007F]*' };
export const POLICY_PATH_PREFIX = {
  min: 1, max: 512, pattern: /^(?:\/[A-Za-z0-9.,+@=_-]+)*\/$/, patternText: '((/[A-Za-z0-9\\.,\\+@=_-]+)*)/',
};
export const POLICY_DOCUMENT = {
  min: 1, max: 131072, pattern: /^[\t\n\r\x20-\xFF]+$/, patternText: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+',
};
export const ROLE_DESCRIPTION = {
  max: 1000, pattern: /^[\t\n\r\x20-\x7E\xA1-\xFF]*$/, patternText: '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*',
};
export const MAX_SESSION_DURATION = { min: 3600, max: 43200 };
export const ARN = { min: 20, max: 2048 };
export const TAG_KEY = { min: 1, max: 128, pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u, patternText: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+' };
export const TAG_VALUE = { min: 0, max: 256, pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u, patternText: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*' };
export const MAX_TAGS = 50;
const MARKER = { min: 1, max: 320, pattern: /^[\x20-\xFF]+$/, patternText: '[\\u0020-\\u00FF]+' };
const MAX_ITEMS = { min: 1, max: 1000 };

// Default IAM quotas (IAM and STS quotas, IAM User Guide).
export const TRUST_POLICY_QUOTA = 2048;
export const INLINE_ROLE_POLICIES_QUOTA = 10240;

/**
 * @param {EmulatorState} state
 * @param {string} roleName
 * @returns {Role}
 */
export function findRole(state, roleName) {
  const role = state.iam.roles.get(roleName.toLowerCase());
  if (!role) throw iamError.noSuchEntity(`The role with name ${roleName} cannot be found.`);
  return role;
}

/**
 * The Role structure. GetRole shows everything; CreateRole adds the tags it was given;
 * ListRoles leaves out PermissionsBoundary, RoleLastUsed and Tags, as the reference says.
 * @param {Role} role
 * @param {'get' | 'create' | 'list'} view
 */
export function roleOutput(role, view) {
  return {
    Path: role.Path,
    RoleName: role.RoleName,
    RoleId: role.RoleId,
    Arn: role.Arn,
    CreateDate: role.CreateDate,
    AssumeRolePolicyDocument: encodePolicyDocument(role.AssumeRolePolicyDocument),
    Description: role.Description,
    MaxSessionDuration: role.MaxSessionDuration,
    PermissionsBoundary:
      view === 'get' && role.PermissionsBoundary
        ? { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: role.PermissionsBoundary }
        : undefined,
    Tags: view !== 'list' && role.tags.length > 0 ? role.tags.map((tag) => ({ ...tag })) : undefined,
    RoleLastUsed: view === 'get' ? {} : undefined,
  };
}

/**
 * `Tags.member.N.Key/Value`, checked against the Tag rules. Duplicate keys are InvalidInput
 * (IAM tag keys ignore case).
 * @param {Record<string, string>} params
 * @param {ConstraintCheck} check
 * @param {boolean} required
 */
export function readTags(params, check, required) {
  const items = memberList(params, 'Tags');
  check.present(items, 'tags', required);
  if (!items) return undefined;
  check.size(items, 'tags', { max: MAX_TAGS });
  const tags = items.map((item, i) => {
    const record = typeof item === 'object' ? item : {};
    check.string(record.Key, `tags.${i + 1}.member.key`, { ...TAG_KEY, required: true });
    check.string(record.Value, `tags.${i + 1}.member.value`, { ...TAG_VALUE, required: true });
    return { Key: record.Key ?? '', Value: record.Value ?? '' };
  });
  return tags;
}

/** @param {{ Key: string }[]} tags */
export function rejectDuplicateTagKeys(tags) {
  const keys = new Set(tags.map((tag) => tag.Key.toLowerCase()));
  if (keys.size !== tags.length) {
    throw iamError.invalidInput('Duplicate tag keys found. Please note that Tag keys are case insensitive.');
  }
}

/**
 * Reads Marker/MaxItems (checked into `check`). Call `page` after `check.throwIfFailed`.
 * @param {Record<string, string>} params
 * @param {ConstraintCheck} check
 */
export function readPaging(params, check) {
  const marker = params.Marker;
  const maxItems = integerParam(params, 'MaxItems');
  check.string(marker, 'marker', MARKER);
  if (Number.isNaN(maxItems)) check.fail('maxItems', params.MaxItems, 'Member must be an integer');
  else check.number(maxItems, 'maxItems', MAX_ITEMS);
  return { marker, maxItems: maxItems ?? 100 };
}

/**
 * One page of `items` (already in listing order, each with a unique `key`). The Marker names
 * the first item of the next page, so deletions between calls do not skip anything.
 * @template T
 * @param {{ key: string, item: T }[]} items
 * @param {{ marker: string | undefined, maxItems: number }} paging
 * @returns {{ page: T[], IsTruncated: boolean, Marker: string | undefined }}
 */
export function page(items, { marker, maxItems }) {
  let start = 0;
  if (marker !== undefined) {
    const after = decodeMarker(marker);
    start = items.findIndex((entry) => entry.key >= after);
    if (start < 0) start = items.length;
  }
  const slice = items.slice(start, start + maxItems);
  const next = items[start + maxItems];
  return {
    page: slice.map((entry) => entry.item),
    IsTruncated: next !== undefined,
    Marker: next !== undefined ? Buffer.from(next.key, 'utf8').toString('base64') : undefined,
  };
}

/** @param {string} marker */
function decodeMarker(marker) {
  const key = Buffer.from(marker, 'base64').toString('utf8');
  if (!key || Buffer.from(key, 'utf8').toString('base64') !== marker) {
    throw iamError.invalidInput('Invalid Marker.');
  }
  return key;
}
