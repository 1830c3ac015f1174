// IAM is eventually consistent: a role created a moment ago is not yet visible to the services that use it, and a
// trust policy changed a moment ago may not apply yet (IAM User Guide, "Changes that I make are not always
// immediately visible"). The emulator models that as a window of state.settings.iamPropagationMs after CreateRole
// and after UpdateAssumeRolePolicy; 0 turns it off.

/** @typedef {import('../state.mjs').Role} Role */
/** @typedef {import('../state.mjs').EmulatorState} EmulatorState */

/**
 * The role an ARN names, if it exists in this account (IAM role names ignore case; the path is part of the ARN).
 * @param {EmulatorState} state @param {string} arn @param {string} accountId
 * @returns {Role | undefined}
 */
export function roleOfArn(state, arn, accountId) {
  const match = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/.exec(arn);
  if (!match || match[1] !== accountId) return undefined;
  const role = state.iam.roles.get(match[2].toLowerCase());
  return role && role.Arn.toLowerCase() === arn.toLowerCase() ? role : undefined;
}

/** Whether other services can see the role yet. @param {EmulatorState} state @param {Role} role */
export function isRoleVisible(state, role) {
  return Date.now() - role.CreateDate.getTime() >= state.settings.iamPropagationMs;
}

/** Whether the role's current trust policy is the one STS applies yet. @param {EmulatorState} state @param {Role} role */
export function isTrustPolicyEffective(state, role) {
  return Date.now() - role.trustChangedAt >= state.settings.iamPropagationMs;
}
