// A setup's record seen flat, as the sign-in side reads it (which pool, client, region, user and
// server): the cached-token fast path and the full CLI read it the same way.
import type { SetupRecord } from './settings.js';

export interface RecordedView {
  name: string;
  region?: string;
  userPoolId?: string;
  clientId?: string;
  identityPoolId?: string;
  roleArn?: string;
  adminGroup?: string;
  adminUsername?: string;
  authFlows?: string[];
  /** What setup was asked for (`--mfa`, `--threat-protection`): status and `status --fix` want the same. */
  mfa?: string;
  threatProtection?: string;
  serverUrl?: string;
  /** The server certificate trusted on first use (PEM). */
  serverCaCert?: string;
}

export function recordedView(name: string, record: SetupRecord | undefined): RecordedView {
  if (!record) return { name };
  return {
    name,
    region: record.region,
    userPoolId: record.resources.userPool?.id,
    clientId: record.resources.appClient?.id,
    identityPoolId: record.resources.identityPool?.id,
    roleArn: record.resources.iamRole?.id,
    adminGroup: record.adminGroup,
    adminUsername: record.adminUsername,
    authFlows: record.authFlows,
    mfa: record.mfa,
    threatProtection: record.threatProtection,
    serverUrl: record.server?.url,
    serverCaCert: record.server?.caCert,
  };
}
