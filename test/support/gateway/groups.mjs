// User pool groups, where cognito-local strays from Cognito: it crashes (HTTP 500, empty body) on a missing group
// while the pool has none yet, CreateGroup silently replaces an existing group and its members, and
// AdminListGroupsForUser finds nothing when the user is named by an alias (e-mail) rather than the username.
import { AwsError } from './wire-errors.mjs';

/** Operations that need the named group to exist. */
const NEEDS_GROUP = ['GetGroup', 'UpdateGroup', 'DeleteGroup', 'ListUsersInGroup', 'AdminAddUserToGroup', 'AdminRemoveUserFromGroup'];

/**
 * @param {{ cognitoLocal: import('./sign-in-rules.mjs').CognitoLocal, store: import('./sign-in-rules.mjs').Store }} deps
 * @returns {Record<string, (input: Record<string, any>) => Promise<object>>}
 */
export function createGroupChecks({ cognitoLocal, store }) {
  /** @type {Record<string, (input: Record<string, any>) => Promise<object>>} */
  const intercepts = {
    async CreateGroup(input) {
      const { group } = await store.findGroup(input.UserPoolId ?? '', input.GroupName ?? '');
      if (group) throw new AwsError('GroupExistsException', `A group with the name ${input.GroupName} already exists.`);
      return cognitoLocal.call('CreateGroup', input);
    },
    async AdminListGroupsForUser(input) {
      const user = await store.findUser(input.UserPoolId ?? '', input.Username ?? '');
      return cognitoLocal.call('AdminListGroupsForUser', user ? { ...input, Username: user.Username } : input);
    },
  };
  for (const operation of NEEDS_GROUP) {
    intercepts[operation] = async (input) => {
      const { poolExists, group } = await store.findGroup(input.UserPoolId ?? '', input.GroupName ?? '');
      // An unknown pool is left to cognito-local, which names it in its error.
      if (poolExists && !group) throw new AwsError('ResourceNotFoundException', 'Group not found.');
      return cognitoLocal.call(operation, input);
    };
  }
  return intercepts;
}
