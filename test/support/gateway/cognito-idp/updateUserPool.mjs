import { cognitoLocalPoolInput, rejectConflictingValidity, settingsOnCreate, settingsOnUpdate } from './pool-settings.mjs';

/**
 * Every updatable setting the request leaves out goes back to its default (cognito-local drops most of them, but
 * keeps some and never had others); what only creation sets (UsernameAttributes, AliasAttributes, Schema, ...) stays.
 * @type {import('../cognito-idp.mjs').IdpOperation}
 */
export async function updateUserPool(input, { cognitoLocal, state, store }) {
  rejectConflictingValidity(input);
  const next = settingsOnUpdate(state.pools.get(input.UserPoolId) ?? settingsOnCreate({}), input);
  const tags = (await store.poolOptions(input.UserPoolId ?? ''))?.UserPoolTags;
  await cognitoLocal.call('UpdateUserPool', cognitoLocalPoolInput(input, tags));
  state.pools.set(input.UserPoolId, next);
  return {};
}
