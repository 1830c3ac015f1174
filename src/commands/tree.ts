// src/commands/: one folder per command, each a spec.ts (flags as data) and a run.ts (the work);
// define.ts the spec kit, shared.ts the shared options, this file the tree.
// The command tree, in the order help lists it: one spec per command folder (src/commands/<name>/
// spec.ts). A new command is its folder and one line here. cli/program.ts builds commander from
// this, cli/help renders the pages from it, completion writes shell scripts from it.
import type { AnySpec } from './define.js';
import { isGroup } from './define.js';
import { setup } from './setup/spec.js';
import { userPool } from './user-pool/spec.js';
import { appClient } from './app-client/spec.js';
import { identityPool } from './identity-pool/spec.js';
import { selfSignup } from './self-signup/spec.js';
import { authFlows } from './auth-flows/spec.js';
import { users } from './users/spec.js';
import { server } from './server/spec.js';
import { token } from './token/spec.js';
import { login } from './login/spec.js';
import { logout } from './logout/spec.js';
import { api } from './api/spec.js';
import { status } from './status/spec.js';
import { teardown } from './teardown/spec.js';
import { use } from './use/spec.js';
import { mfa } from './mfa/spec.js';
import { awsCredentials } from './aws-credentials/spec.js';
import { iamPolicy } from './iam-policy/spec.js';
import { completion } from './completion/spec.js';

export const PROGRAM = {
  name: 'mmbatch-auth',
  description: 'Put an MMBatch Management Server behind Amazon Cognito, safely and repeatably.',
  examples: [
    'mmbatch-auth setup --region us-east-1 --server https://mmbatch.example.com:8081 --ca-cert ./mmbatch-server.crt',
    'curl -H "Authorization: Bearer $(mmbatch-auth token)" https://mmbatch.example.com:8081/api/v1/config',
    'mmbatch-auth status',
  ],
} as const;

export const COMMANDS: readonly AnySpec[] = [
  setup,
  userPool,
  appClient,
  identityPool,
  selfSignup,
  authFlows,
  users,
  server,
  token,
  login,
  logout,
  api,
  status,
  teardown,
  use,
  mfa,
  awsCredentials,
  iamPolicy,
  completion,
];

/** Every command path (['users', 'add'], ['users'], ...), groups included, in help order. */
export function commandPaths(specs: readonly AnySpec[] = COMMANDS, prefix: string[] = []): string[][] {
  return specs.flatMap((spec) => {
    const path = [...prefix, spec.name];
    return [path, ...(isGroup(spec) ? commandPaths(spec.commands, path) : [])];
  });
}
