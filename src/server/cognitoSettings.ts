// The server's Cognito section in one normalised shape: adminGroups is a comma-separated string in
// /security/cognito and an array in /config, so both are accepted everywhere it is read.
import type { MmbatchServerClient } from './client.js';

export interface CognitoServerSettings {
  enabled: boolean;
  region: string;
  userPoolID: string;
  clientID: string;
  identityPoolID: string;
  adminGroups: string[];
}

export function parseAdminGroups(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String).map((g) => g.trim()).filter(Boolean);
  if (typeof value === 'string') return value.split(',').map((g) => g.trim()).filter(Boolean);
  return [];
}

export function normaliseCognitoSettings(raw: Record<string, unknown> | undefined): CognitoServerSettings {
  const text = (key: string) => (typeof raw?.[key] === 'string' ? (raw[key] as string) : '');
  return {
    enabled: raw?.enabled === true || raw?.enabled === 'true',
    region: text('region'),
    userPoolID: text('userPoolID'),
    clientID: text('clientID'),
    identityPoolID: text('identityPoolID'),
    adminGroups: parseAdminGroups(raw?.adminGroups),
  };
}

export const COGNITO_PATH = '/api/v1/security/cognito';
export const CONFIG_PATH = '/api/v1/config';

/** Needs no token: the web UI reads it before anyone signs in (assumed in mmbatch-api.md). */
export async function readCognitoSettings(server: MmbatchServerClient): Promise<CognitoServerSettings> {
  return normaliseCognitoSettings(await server.json<Record<string, unknown>>('GET', COGNITO_PATH));
}
