// Threat protection's risk configuration (compromised credentials, account takeover), checked against the API
// reference's shapes and kept per pool and app client.
import { AwsError } from '../wire-errors.mjs';
import { requireOneOf } from './pool-settings.mjs';

const COMPROMISED_ACTIONS = ['BLOCK', 'NO_ACTION'];
const COMPROMISED_EVENTS = ['SIGN_IN', 'PASSWORD_CHANGE', 'SIGN_UP'];
const TAKEOVER_ACTIONS = ['BLOCK', 'MFA_IF_CONFIGURED', 'MFA_REQUIRED', 'NO_ACTION'];
const RISK_LEVELS = ['LowAction', 'MediumAction', 'HighAction'];

/** The key a risk configuration is kept under: its app client, or '' for the whole pool. @param {unknown} clientId */
export const riskKey = (clientId) => (typeof clientId === 'string' ? clientId : '');

/** @param {Record<string, any>} input SetRiskConfiguration */
export function checkRiskConfiguration(input) {
  const compromised = input.CompromisedCredentialsRiskConfiguration;
  if (compromised) {
    if (!compromised.Actions) throw missing('compromisedCredentialsRiskConfiguration.actions');
    requireOneOf(compromised.Actions.EventAction, COMPROMISED_ACTIONS, 'compromisedCredentialsRiskConfiguration.actions.eventAction');
    for (const event of compromised.EventFilter ?? []) requireOneOf(event, COMPROMISED_EVENTS, 'compromisedCredentialsRiskConfiguration.eventFilter.member');
  }
  const takeover = input.AccountTakeoverRiskConfiguration;
  if (takeover) {
    if (!takeover.Actions) throw missing('accountTakeoverRiskConfiguration.actions');
    let notifies = false;
    for (const level of RISK_LEVELS) {
      const action = takeover.Actions[level];
      if (!action) continue;
      if (typeof action.Notify !== 'boolean') throw missing(`accountTakeoverRiskConfiguration.actions.${lowerFirst(level)}.notify`);
      requireOneOf(action.EventAction, TAKEOVER_ACTIONS, `accountTakeoverRiskConfiguration.actions.${lowerFirst(level)}.eventAction`);
      notifies ||= action.Notify;
    }
    // Cognito e-mails the user when an action notifies: it needs a sender (NotifyConfiguration.SourceArn).
    if (notifies && !takeover.NotifyConfiguration?.SourceArn) {
      throw new AwsError('InvalidParameterException', 'NotifyConfiguration with a SourceArn is required when an account takeover action notifies the user.');
    }
  }
}

/** @param {string} member */
function missing(member) {
  return new AwsError('InvalidParameterException', `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
}

/** @param {string} text */
const lowerFirst = (text) => text[0].toLowerCase() + text.slice(1);
