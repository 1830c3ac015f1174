// The server's Cognito section in one normalised shape: adminGroups is a comma-separated string in
// /security/cognito and an array in /config, so both are accepted everywhere it is read.
import type { MmbatchServerClient } from './client.js';
import { ServerError } from '../errors.js';
import { printable } from './printable.js';

export interface CognitoServerSettings {
  enabled: boolean;
  region: string;
  userPoolID: string;
  clientID: string;
  identityPoolID: string;
  adminGroups: string[];
}

export function parseAdminGroups(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String).map((g) => printable(g)).filter(Boolean);
  if (typeof value === 'string') return value.split(',').map((g) => printable(g)).filter(Boolean);
  return [];
}

export function normaliseCognitoSettings(raw: Record<string, unknown> | undefined): CognitoServerSettings {
  // What a server says is printed later: nothing in it may act on a terminal.
  const text = (key: string) => (typeof raw?.[key] === 'string' ? printable(raw[key] as string) : '');
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
  const answer = await server.json<unknown>('GET', COGNITO_PATH);
  // An MMBatch server answers its Cognito section; a proxy's or another service's JSON is not one.
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer) || !('enabled' in answer)) {
    throw new ServerError(`the answer to GET ${COGNITO_PATH} from ${server.url} is not an MMBatch server's Cognito settings`, undefined, {
      hint: `is ${server.url} an MMBatch Management Server? (its API is under /api/v1)`,
    });
  }
  return normaliseCognitoSettings(answer as Record<string, unknown>);
}
