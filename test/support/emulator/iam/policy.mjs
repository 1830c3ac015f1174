// IAM policy documents: the grammar checks behind MalformedPolicyDocument, the size IAM counts
// against its quotas, and the URL-encoding IAM applies when it hands a document back.
import { iamError } from '../errors.mjs';

const TOP_LEVEL_FIELDS = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_FIELDS = new Set([
  'Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition',
]);
const POLICY_VERSIONS = new Set(['2008-10-17', '2012-10-17']);
const PRINCIPAL_TYPES = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);
const ACTION = /^(\*|[A-Za-z0-9-]+:[A-Za-z0-9*?_-]*)$/;

/**
 * Throws MalformedPolicyDocument unless `text` is a valid policy of the given kind.
 * A trust policy (a role's AssumeRolePolicyDocument) names principals and no resources;
 * an identity policy (an inline role policy) names resources and no principals.
 * @param {string} text
 * @param {'trust' | 'identity'} kind
 */
export function checkPolicyDocument(text, kind) {
  const malformed = (/** @type {string} */ message) => iamError.malformedPolicyDocument(message);
  let policy;
  try {
    policy = JSON.parse(text);
  } catch {
    throw malformed('This policy contains invalid Json');
  }
  if (!isObject(policy)) throw malformed('Syntax errors in policy.');
  for (const field of Object.keys(policy)) {
    if (!TOP_LEVEL_FIELDS.has(field)) throw malformed('Syntax errors in policy.');
  }
  if (policy.Version !== undefined && !POLICY_VERSIONS.has(policy.Version)) {
    throw malformed('The policy failed legacy parsing');
  }
  if (policy.Statement === undefined) throw malformed('Missing required field Statement');
  const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  if (statements.length === 0) throw malformed('Syntax errors in policy.');
  for (const statement of statements) checkStatement(statement, kind, malformed);
}

/**
 * @param {unknown} statement
 * @param {'trust' | 'identity'} kind
 * @param {(message: string) => Error} malformed
 */
function checkStatement(statement, kind, malformed) {
  if (!isObject(statement)) throw malformed('Syntax errors in policy.');
  for (const field of Object.keys(statement)) {
    if (!STATEMENT_FIELDS.has(field)) throw malformed('Syntax errors in policy.');
  }
  if (statement.Sid !== undefined && typeof statement.Sid !== 'string') throw malformed('Syntax errors in policy.');
  if (statement.Effect === undefined) throw malformed('Missing required field Effect');
  if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') {
    throw malformed(`Invalid effect: ${String(statement.Effect)}`);
  }

  const actions = statement.Action ?? statement.NotAction;
  if (actions === undefined) {
    throw malformed(kind === 'trust' ? 'Missing required field Action' : 'Policy statement must contain actions.');
  }
  for (const action of stringList(actions, malformed)) {
    if (!ACTION.test(action)) throw malformed('Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.');
  }

  const principal = statement.Principal ?? statement.NotPrincipal;
  const resource = statement.Resource ?? statement.NotResource;
  if (kind === 'trust') {
    if (principal === undefined) throw malformed('Missing required field Principal');
    if (resource !== undefined) throw malformed('Has prohibited field Resource');
    checkPrincipal(principal, malformed);
  } else {
    if (principal !== undefined) throw malformed('Policy document should not specify a principal.');
    if (resource === undefined) throw malformed('Policy statement must contain resources.');
    stringList(resource, malformed);
  }

  if (statement.Condition !== undefined) {
    if (!isObject(statement.Condition)) throw malformed('Syntax errors in policy.');
    for (const block of Object.values(statement.Condition)) {
      if (!isObject(block)) throw malformed('Syntax errors in policy.');
    }
  }
}

/**
 * @param {unknown} principal
 * @param {(message: string) => Error} malformed
 */
function checkPrincipal(principal, malformed) {
  if (principal === '*') return;
  if (!isObject(principal)) throw malformed('Syntax errors in policy.');
  for (const [type, values] of Object.entries(principal)) {
    if (!PRINCIPAL_TYPES.has(type)) throw malformed(`Invalid principal in policy: "${type.toUpperCase()}"`);
    for (const value of stringList(values, malformed)) {
      if (!validPrincipal(type, value)) {
        throw malformed(`Invalid principal in policy: "${type.toUpperCase()}":"${value}"`);
      }
    }
  }
}

/**
 * @param {string} type
 * @param {string} value
 */
function validPrincipal(type, value) {
  switch (type) {
    case 'AWS':
      return value === '*' || /^\d{12}$/.test(value) || /^arn:aws[\w-]*:(iam|sts)::\d{12}:[\x21-\x7E]+$/.test(value);
    case 'Service':
      return /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/.test(value);
    case 'Federated':
      return /^[a-z0-9][a-z0-9.-]*\.[a-z]+$/.test(value) || /^arn:aws[\w-]*:iam::\d{12}:(saml|oidc)-provider\/.+$/.test(value);
    default:
      return value.length > 0;
  }
}

/**
 * A policy element holding one string or a non-empty list of them.
 * @param {unknown} value
 * @param {(message: string) => Error} malformed
 * @returns {string[]}
 */
function stringList(value, malformed) {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || list.some((item) => typeof item !== 'string')) throw malformed('Syntax errors in policy.');
  return /** @type {string[]} */ (list);
}

/** @param {unknown} value @returns {value is Record<string, any>} */
function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** IAM's quotas count policy characters without white space. */
export function policySize(/** @type {string} */ text) {
  return text.replace(/\s/g, '').length;
}

/**
 * RFC 3986 percent-encoding (everything but `A-Z a-z 0-9 - . _ ~`), which is how IAM returns
 * AssumeRolePolicyDocument and PolicyDocument; clients must decode them.
 * @param {string} text
 */
export function encodePolicyDocument(text) {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
