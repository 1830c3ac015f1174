// IDs the settings file records for resources that no longer exist: a deletion that was in flight
// when a teardown was killed, or someone deleting by hand. Teardown forgets them before it starts,
// so that when it is done the file names nothing that is gone.
import type { Context } from '../cli/context.js';
import type { Settings } from '../settings.js';
import type { ExpectedSetup } from '../inventory/expected.js';
import type { Inventory } from '../inventory/read.js';

type SettingsKey = keyof Settings;
type CreatedKey = keyof NonNullable<Settings['created']>;

export function forgetWhatIsGone(ctx: Context, expected: ExpectedSetup, inventory: Inventory): void {
  if (!expected.recordedHere) return;
  const { ids } = expected;
  const keys: SettingsKey[] = [];
  const created: CreatedKey[] = [];
  if (ids.userPoolId && inventory.userPool?.Id !== ids.userPoolId) {
    keys.push('userPoolId', 'clientId');
    created.push('userPool', 'appClient', 'adminGroup', 'adminUser');
  } else if (ids.clientId && inventory.appClient?.ClientId !== ids.clientId) {
    keys.push('clientId');
    created.push('appClient');
  }
  if (ids.identityPoolId && inventory.identityPool?.IdentityPoolId !== ids.identityPoolId) {
    keys.push('identityPoolId');
    created.push('identityPool');
  }
  if (ids.roleArn && inventory.role?.role.Arn !== ids.roleArn) {
    keys.push('roleArn', 'roleCreatedByTool');
    created.push('iamRole');
  }
  if (keys.length) {
    ctx.log.verbose(`the settings file named resources that no longer exist; forgetting ${keys.join(', ')}`);
    ctx.settings.forget(keys, created);
  }
}
