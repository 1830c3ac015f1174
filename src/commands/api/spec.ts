// `api <METHOD> <PATH>`: an authenticated call to the MMBatch API, response on stdout.
import { defineCommand, options, type OptionsOf } from '../define.js';
import { NAME_OPTION, SERVER_OPTIONS } from '../shared.js';

const apiOptions = options({
  ...NAME_OPTION,
  ...SERVER_OPTIONS,
  data: { flag: '--data', value: '<json>', description: 'the request body: JSON, or @file, or @- for stdin' },
  username: { flag: '--username', value: '<user>', description: 'the user whose token to send (else MMBATCH_AUTH_USERNAME, the settings file)' },
});
const apiArgs = [
  { name: 'method', required: true, description: 'GET, PUT, POST, DELETE, PATCH' },
  { name: 'path', required: true, description: 'e.g. /api/v1/config' },
] as const;

export type ApiOptions = OptionsOf<{ options: typeof apiOptions; args: typeof apiArgs }>;

export const api = defineCommand({
  name: 'api',
  description: 'an authenticated call to the MMBatch API, response on stdout',
  examples: ['mmbatch-auth api GET /api/v1/config', "mmbatch-auth api PUT /api/v1/log/config --data '{\"level\":\"debug\"}'", 'mmbatch-auth api POST /api/v1/jobs --data @job.json'],
  options: apiOptions,
  args: apiArgs,
  load: () => import('./run.js').then((m) => m.run),
});
