// `token`: print an access token for scripts. The fast path (src/fast/) parses its argv from this
// same spec, so the module must stay light: data, the flows' table, nothing else.
import { defineCommand, options, type OptionsOf } from '../define.js';
import { SIGN_IN_OPTIONS } from '../shared.js';

export const TOKEN_OPTIONS = options({
  ...SIGN_IN_OPTIONS,
  idToken: { flag: '--id-token', description: 'print the ID token instead' },
  cache: { flag: '--no-cache', negate: true, description: 'neither read nor write the token cache' },
});

export type TokenOptions = OptionsOf<{ options: typeof TOKEN_OPTIONS }>;

export const token = defineCommand({
  name: 'token',
  description: 'print an access token for scripts',
  examples: [
    'curl -H "Authorization: Bearer $(mmbatch-auth token)" https://mmbatch.example.com:8081/api/v1/config',
    "printf '%s' \"$PASSWORD\" | mmbatch-auth token --username ci@example.com --password-stdin --json",
    'MMBATCH_SERVER=https://mmbatch.example.com:8081 mmbatch-auth token --id-token',
  ],
  options: TOKEN_OPTIONS,
  load: () => import('./run.js').then((m) => m.run),
});
