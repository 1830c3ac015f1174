// What setup would leave behind for one --name: the resource names, the IDs the settings file
// recorded for it, and the choices it made (admin, group, auth flows). `status` compares the live
// resources with this; `teardown` deletes what of it this tool created.
import { UsageError } from '../errors.js';
import { appClientName, identityPoolName, roleName, userPoolName } from '../names.js';
import { roleNameFromArn } from '../resources/iamRole.js';
import type { Settings } from '../settings.js';
import { DEFAULT_AUTH_FLOWS, validateName } from '../validate.js';

export interface ExpectedSetup {
  base: string;
  region: string;
  names: { userPool: string; appClient: string; identityPool: string; role: string };
  /** IDs recorded by setup for this same --name (none when --name names another setup). */
  ids: { userPoolId?: string; clientId?: string; identityPoolId?: string; roleArn?: string };
  adminGroup: string;
  adminEmail?: string;
  authFlows: string[];
  /** What this tool created, by ID (the settings file's record). */
  created: NonNullable<Settings['created']>;
  /** The role came from --role-arn: someone else's, never deleted. */
  roleReused: boolean;
  /** The settings file's IDs are this setup's (same --name), so teardown may forget them. */
  recordedHere: boolean;
}

/** The base name: --name, else the one setup recorded, else the default. Checked before any call. */
export function resolveBase(recorded: Settings, name: string | undefined): string {
  return validateName(name ?? recorded.name ?? 'mmbatch');
}

export function expectedSetup(recorded: Settings, base: string, region: string, settingsPath: string): ExpectedSetup {
  // The recorded IDs belong to the recorded name; another --name means another setup.
  const same = !recorded.name || recorded.name === base;
  if (same && recorded.region && recorded.region !== region && (recorded.userPoolId || recorded.identityPoolId)) {
    throw new UsageError(`the settings file ${settingsPath} records a setup in ${recorded.region}, not ${region}`, {
      hint: 'pass --region to match it, or --config <file> for a separate setup',
    });
  }
  const roleArn = same ? recorded.roleArn : undefined;
  return {
    base,
    region,
    names: {
      userPool: userPoolName(base),
      appClient: appClientName(base),
      identityPool: identityPoolName(base),
      // setup names the role after the recorded ARN when there is one (created or --role-arn).
      role: roleArn ? roleNameFromArn(roleArn) : roleName(base),
    },
    ids: same
      ? { userPoolId: recorded.userPoolId, clientId: recorded.clientId, identityPoolId: recorded.identityPoolId, roleArn }
      : {},
    adminGroup: recorded.adminGroup ?? 'admin',
    adminEmail: recorded.adminUsername,
    authFlows: recorded.authFlows ?? DEFAULT_AUTH_FLOWS,
    created: same ? { ...(recorded.created ?? {}) } : {},
    roleReused: same && recorded.roleCreatedByTool === false,
    recordedHere: same,
  };
}
