// The settings file's document: one record per setup name, and how an older file (version 1, one
// unnamed record) reads in the new form. Pure data and parsing, no file system: the cached-token
// fast path reads it too and must stay light.
import { UsageError } from '../errors.js';

/** What setup manages, in the order it makes them. */
export type RecordedKind = 'userPool' | 'appClient' | 'adminGroup' | 'adminUser' | 'identityPool' | 'iamRole';

/**
 * created: this tool made it; teardown deletes it.
 * adopted: a person made it and handed it over (--user-pool-id, ...); repaired, never deleted.
 * reused:  an IAM role given with --role-arn; setup adds one trust statement, teardown removes only that.
 */
export type Origin = 'created' | 'adopted' | 'reused';

export interface ResourceRef {
  id: string;
  origin: Origin;
  /** A created pool was checked against a concurrent run's twin (see workflows/race.ts). */
  settled?: boolean;
}

export interface ServerRecord {
  url: string;
  /** The server certificate the user trusted (PEM), for a self-signed HTTPS server. */
  caCert?: string;
}

export interface SetupRecord {
  region?: string;
  adminGroup?: string;
  adminUsername?: string;
  authFlows?: string[];
  /** The MFA setting setup applied (required | optional | off). */
  mfa?: string;
  /** The threat-protection mode setup applied (audit | enforce), when asked for. */
  threatProtection?: string;
  server?: ServerRecord;
  resources: Partial<Record<RecordedKind, ResourceRef>>;
}

export interface SettingsDocument {
  version: 2;
  /** The setup `mmbatch-auth use <name>` made the default. */
  default?: string;
  setups: Record<string, SetupRecord>;
}

export const emptyDocument = (): SettingsDocument => ({ version: 2, setups: {} });

/** The version-1 shape: one setup, its IDs at the top level. */
interface LegacySettings {
  name?: string;
  region?: string;
  userPoolId?: string;
  clientId?: string;
  adminGroup?: string;
  adminUsername?: string;
  identityPoolId?: string;
  roleArn?: string;
  roleCreatedByTool?: boolean;
  authFlows?: string[];
  serverUrl?: string;
  created?: Partial<Record<RecordedKind, string>>;
}

function migrateLegacy(legacy: LegacySettings): SettingsDocument {
  const created = legacy.created ?? {};
  const resources: SetupRecord['resources'] = {};
  // What version 1 recorded without creating it, it had found by name or been given: adopted,
  // which teardown never deletes (the cautious reading of an old file).
  const ref = (kind: RecordedKind, id: string | undefined, otherwise: Origin = 'adopted') => {
    if (id) resources[kind] = { id, origin: created[kind] === id ? 'created' : otherwise, settled: true };
  };
  ref('userPool', legacy.userPoolId);
  ref('appClient', legacy.clientId);
  ref('identityPool', legacy.identityPoolId);
  ref('iamRole', legacy.roleArn, legacy.roleCreatedByTool === false ? 'reused' : 'adopted');
  if (created.adminGroup) resources.adminGroup = { id: created.adminGroup, origin: 'created' };
  if (created.adminUser) resources.adminUser = { id: created.adminUser, origin: 'created' };
  const record: SetupRecord = {
    region: legacy.region,
    adminGroup: legacy.adminGroup,
    adminUsername: legacy.adminUsername,
    authFlows: legacy.authFlows,
    server: legacy.serverUrl ? { url: legacy.serverUrl } : undefined,
    resources,
  };
  return { version: 2, setups: { [legacy.name ?? 'mmbatch']: record } };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The document in a settings file's text; every problem is one line for the user. */
export function parseSettings(text: string, path: string): SettingsDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError(`the settings file ${path} is not valid JSON`, { hint: 'fix or delete it, or point --config at another file' });
  }
  if (!isObject(parsed)) throw new UsageError(`the settings file ${path} is not a JSON object`, { hint: 'fix or delete it, or point --config at another file' });
  if (parsed.version === undefined || parsed.version === 1) return migrateLegacy(parsed as LegacySettings);
  if (parsed.version !== 2) {
    throw new UsageError(`the settings file ${path} has version ${String(parsed.version)}, which this mmbatch-auth does not know`, {
      hint: 'it was written by a newer mmbatch-auth: upgrade, or point --config at another file',
    });
  }
  const setups = isObject(parsed.setups) ? (parsed.setups as Record<string, SetupRecord>) : {};
  for (const record of Object.values(setups)) {
    if (!isObject(record)) throw new UsageError(`the settings file ${path} has a setup record that is not an object`);
    if (!isObject(record.resources)) record.resources = {};
  }
  return { version: 2, default: typeof parsed.default === 'string' ? parsed.default : undefined, setups };
}

