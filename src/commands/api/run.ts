// `api <METHOD> <PATH>`: an authenticated call to the MMBatch API, like `gh api`. The token comes
// from the same machinery as `token` (cache, refresh, password); the response body goes to stdout;
// a 4xx/5xx puts the status and the server's message on stderr and exits 4.
import { Transform, type Writable } from 'node:stream';
import { readFileCapped } from '../../server/tls.js';
import { printableBlock } from '../../server/printable.js';
import { redact, redactText } from '../../redact.js';
import type { Context } from '../../cli/context.js';
import { printRecord } from '../../cli/io/output.js';
import { UsageError } from '../../errors.js';
import { readAllStdin } from '../../cli/io/streams.js';
import { obtainSession } from '../../auth/session.js';
import { MAX_BODY_BYTES, statusError } from '../../server/client.js';
import { serverClientFrom } from '../../server/connect.js';
import { selectSetupIfClear } from '../../config/selectedSetup.js';
import type { ApiOptions } from './spec.js';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

export function validateMethod(method: string): string {
  const upper = method.toUpperCase();
  if (!METHODS.has(upper)) throw new UsageError(`invalid method '${method}'`, { hint: 'use GET, POST, PUT, PATCH or DELETE' });
  return upper;
}

export function validateApiPath(path: string): string {
  if (!path.startsWith('/') || path.startsWith('//') || /\s/.test(path)) {
    throw new UsageError(`invalid path '${path}'`, { hint: 'a path on the server, starting with /, e.g. /api/v1/config' });
  }
  return path;
}

/** --data: inline JSON, @file, or @- for stdin; parsed now so bad JSON never reaches the server. */
async function readData(ctx: Context, data: string): Promise<unknown> {
  let text: string;
  let source: string;
  if (data === '@-') {
    if (ctx.io.stdinIsTTY) throw new UsageError('--data @- reads the body from stdin, but stdin is a terminal');
    text = await readAllStdin(ctx.io.stdin);
    source = 'stdin';
  } else if (data.startsWith('@')) {
    const file = data.slice(1);
    let content: Buffer | undefined;
    try {
      content = readFileCapped(file, MAX_BODY_BYTES);
    } catch {
      throw new UsageError(`cannot read the --data file '${file}'`);
    }
    if (content === undefined) throw new UsageError(`the --data file '${file}' is larger than 16 MiB`);
    text = content.toString('utf8');
    source = `'${file}'`;
  } else {
    text = data;
    source = '--data';
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    // JSON.parse quotes the text around the mistake: for a file or stdin (a secret, perhaps) only where it is.
    const detail = source === '--data' ? (error as Error).message : positionOf((error as Error).message);
    throw new UsageError(`the request body from ${source} is not valid JSON${detail ? `: ${detail}` : ''}`);
  }
}

/** Where JSON.parse stopped, without the text it quotes. */
function positionOf(message: string): string {
  const position = /position (\d+)/.exec(message)?.[1];
  const line = /line (\d+) column (\d+)/.exec(message);
  if (line) return `at line ${line[1]}, column ${line[2]}`;
  if (position) return `at byte ${position}`;
  return /end of( JSON)? input/i.test(message) ? 'it ends too early' : '';
}

export async function run(options: ApiOptions, ctx: Context): Promise<void> {
  const method = validateMethod(options.method);
  const path = validateApiPath(options.path);
  const body = options.data === undefined ? undefined : await readData(ctx, options.data);
  const server = serverClientFrom(ctx, options, selectSetupIfClear(ctx.settings, options.name, ctx.env)?.view);
  if (!server) throw new UsageError('no server: --server is required', { hint: 'or set MMBATCH_SERVER' });

  if (ctx.globals.dryRun) {
    // The request that would be sent, and nothing sent (no sign-in either).
    printRecord(ctx, { method, url: `${server.url}${path}`, ...(body === undefined ? {} : { body }), dryRun: true });
    return;
  }
  const sessionRequest = { server: server.url, serverClient: server, username: options.username };
  let session = await obtainSession(ctx, sessionRequest);
  // A 2xx body streams to stdout as it arrives (any size, flat memory); on a terminal, without escapes.
  const sink = ctx.io.stdoutIsTTY ? terminalSafe(ctx.io.out) : ctx.io.out;
  // PUT /api/v1/security/cognito answers with the whole request, token, accessKey and secretKey
  // included (mmbatch-api.md: never print that body as it came): it is held, and printed with those hidden.
  const echoesSecrets = method === 'PUT' && /^\/api\/v1\/security\/cognito\/?(\?|$)/.test(path);
  const send = () => server.send(method, path, { body, bearer: session.tokens.accessToken, sink: echoesSecrets ? undefined : sink });
  let response = await send();
  if (response.status === 401 && session.source === 'cache') {
    // The cached token looked valid but the server refused it (revoked, or the server switched
    // pools): renew it once. A 401 means the request was not processed, so repeating it is safe.
    ctx.log.verbose('  the server refused the cached token; renewing it');
    session = await obtainSession(ctx, { ...sessionRequest, distrustCachedAccessToken: true });
    response = await send();
  }
  if (response.status < 200 || response.status >= 300) throw statusError(method, path, response);
  if (echoesSecrets) sink.write(withoutSecrets(response.body));
  if (ctx.io.stdoutIsTTY) sink.end();
  await new Promise<void>((resolve) => (ctx.io.stdoutIsTTY ? sink.once('finish', () => resolve()) : resolve()));
}

/** A JSON answer with every secret-named value hidden (the rest kept); other text without the secrets this run holds. */
function withoutSecrets(body: string): string {
  try {
    return `${JSON.stringify(redact(JSON.parse(body)))}\n`;
  } catch {
    return redactText(body);
  }
}

/** What a server sends is data: on a terminal its escapes and control characters are dropped. */
function terminalSafe(out: Writable): Writable {
  const safe = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, printableBlock(chunk.toString('utf8')));
    },
  });
  safe.pipe(out, { end: false });
  return safe;
}
