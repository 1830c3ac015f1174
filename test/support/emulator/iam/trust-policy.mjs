// Evaluates a role's trust policy (AssumeRolePolicyDocument) the way STS does before it lets a principal assume the
// role: an explicit Deny wins, else some Allow must match principal, action and every condition, else it is denied.
// Enough of the policy language for web-identity federation: Principal/NotPrincipal, Action/NotAction with
// wildcards, and the String* condition operators with IfExists and the ForAnyValue/ForAllValues set qualifiers.

/**
 * @typedef {{ principal: { type: string, id: string }, action: string, context: Record<string, string[]> }} AssumeRequest
 *   context: condition keys (any case) to their values; a single-valued key has one value
 * @typedef {'allow' | 'explicitDeny' | 'implicitDeny'} TrustDecision
 */

/** @param {string} documentText @param {AssumeRequest} request @returns {TrustDecision} */
export function evaluateTrustPolicy(documentText, request) {
  let policy;
  try {
    policy = JSON.parse(documentText);
  } catch {
    return 'implicitDeny';
  }
  const statements = list(policy?.Statement).filter(isObject);
  const applies = statements.filter((statement) => statementMatches(statement, request));
  if (applies.some((statement) => statement.Effect === 'Deny')) return 'explicitDeny';
  return applies.some((statement) => statement.Effect === 'Allow') ? 'allow' : 'implicitDeny';
}

/** @param {Record<string, any>} statement @param {AssumeRequest} request */
function statementMatches(statement, request) {
  const principalOk =
    statement.Principal !== undefined
      ? principalListed(statement.Principal, request.principal)
      : statement.NotPrincipal !== undefined && !principalListed(statement.NotPrincipal, request.principal);
  if (!principalOk) return false;
  const actionOk =
    statement.Action !== undefined
      ? list(statement.Action).some((pattern) => globMatches(String(pattern), request.action, true))
      : statement.NotAction !== undefined && !list(statement.NotAction).some((pattern) => globMatches(String(pattern), request.action, true));
  if (!actionOk) return false;
  return conditionsHold(statement.Condition, request.context);
}

/** @param {unknown} element @param {{ type: string, id: string }} principal */
function principalListed(element, principal) {
  if (element === '*') return true;
  if (!isObject(element)) return false;
  return Object.entries(element).some(([type, ids]) => type === principal.type && list(ids).some((id) => id === '*' || id === principal.id));
}

/** @param {unknown} condition @param {Record<string, string[]>} context */
function conditionsHold(condition, context) {
  if (condition === undefined) return true;
  if (!isObject(condition)) return false;
  const lookup = new Map(Object.entries(context).map(([key, values]) => [key.toLowerCase(), values]));
  return Object.entries(condition).every(([operator, block]) =>
    isObject(block) && Object.entries(block).every(([key, wanted]) => operatorHolds(operator, lookup.get(key.toLowerCase()), list(wanted).map(String))),
  );
}

/** The String operators: how one context value is compared with one policy value, and whether the result is negated. */
const STRING_OPERATORS = {
  StringEquals: { compare: (/** @type {string} */ have, /** @type {string} */ want) => have === want, negated: false },
  StringNotEquals: { compare: (have, want) => have === want, negated: true },
  StringEqualsIgnoreCase: { compare: (have, want) => have.toLowerCase() === want.toLowerCase(), negated: false },
  StringNotEqualsIgnoreCase: { compare: (have, want) => have.toLowerCase() === want.toLowerCase(), negated: true },
  StringLike: { compare: (have, want) => globMatches(want, have, false), negated: false },
  StringNotLike: { compare: (have, want) => globMatches(want, have, false), negated: true },
};

/**
 * @param {string} operatorName e.g. `ForAnyValue:StringLike`, `StringEqualsIfExists`
 * @param {string[] | undefined} values the context key's values (undefined: absent from the request)
 * @param {string[]} wanted the policy's values
 */
function operatorHolds(operatorName, values, wanted) {
  const match = /^(?:(ForAnyValue|ForAllValues):)?(\w+?)(IfExists)?$/.exec(operatorName);
  const operator = match && /** @type {Record<string, { compare: (a: string, b: string) => boolean, negated: boolean }>} */ (STRING_OPERATORS)[match[2]];
  if (!match || !operator) return false; // an operator this evaluator does not know never grants anything
  const [, qualifier, , ifExists] = match;
  // A value satisfies a positive operator when it matches one of the policy's values, a negated one when it matches none.
  const satisfies = (/** @type {string} */ value) => wanted.some((want) => operator.compare(value, want)) !== operator.negated;
  if (values === undefined || values.length === 0) {
    if (ifExists || qualifier === 'ForAllValues') return true;
    return operator.negated && !qualifier;
  }
  if (qualifier === 'ForAnyValue') return values.some(satisfies);
  if (qualifier === 'ForAllValues') return values.every(satisfies);
  // A plain operator compares one value: on a multivalued key (amr) it holds only if every value does, which is why
  // trust policies must use ForAnyValue there.
  return values.every(satisfies);
}

/**
 * IAM's wildcards: `*` any run of characters, `?` one character.
 * @param {string} pattern @param {string} value @param {boolean} ignoreCase actions ignore case, condition values do not
 */
function globMatches(pattern, value, ignoreCase) {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

/** @param {unknown} value @returns {unknown[]} */
function list(value) {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** @param {unknown} value @returns {value is Record<string, any>} */
function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
