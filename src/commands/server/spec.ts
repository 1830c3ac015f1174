// `server push|status|disable`: the Cognito settings of the MMBatch server.
import { defineCommand, defineGroup, options, type OptionsOf } from '../define.js';
import { NAME_OPTION, SERVER_OPTIONS } from '../shared.js';

const serverOptions = options({
  ...NAME_OPTION,
  ...SERVER_OPTIONS,
  username: { flag: '--username', value: '<user>', description: 'the admin who signs the change (else the settings file)' },
  passwordStdin: { flag: '--password-stdin', description: "read the admin's password from stdin" },
});

export type ServerCommandOptions = OptionsOf<{ options: typeof serverOptions }>;

const verb = (name: 'push' | 'status' | 'disable') =>
  defineCommand({
    name,
    description: `${name} the server's Cognito settings`,
    examples: [`mmbatch-auth server ${name}`, `mmbatch-auth server ${name} --server https://mmbatch.example.com:8081 --ca-cert ./mmbatch-server.crt`],
    options: serverOptions,
    load: () => import('./run.js').then((m) => m[name]),
  });

export const server = defineGroup({
  name: 'server',
  description: 'the Cognito settings of the MMBatch server',
  examples: ['mmbatch-auth server status', 'mmbatch-auth server push --server https://mmbatch.example.com:8081'],
  commands: [verb('push'), verb('status'), verb('disable')],
});
