// `npm run demo`: the whole walkthrough against the local stack, step by step, as an operator would
// run it: setup (non-interactive), then a token for scripts, then an authenticated API call.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack } from './stack.mjs';
import { startMmbatchServer } from './mmbatch-server.mjs';
import { BIN } from './cli.mjs';

const bold = (text) => (process.stdout.isTTY && !process.env.NO_COLOR ? `\x1b[1m${text}\x1b[0m` : text);
const say = (text) => process.stdout.write(`\n${bold(`▶ ${text}`)}\n`);

async function main() {
  const home = mkdtempSync(join(tmpdir(), 'mmbatch-auth-demo-'));
  // A throwaway password made for this run: nothing secret lives in the repository.
  const password = `Demo-${randomBytes(9).toString('base64url')}-1!`;
  const admin = 'admin@example.com';
  say('Starting the local stack: cognito-local (user pools), the Cognito Identity + IAM emulator, a stand-in MMBatch server (HTTPS, self-signed)');
  const stack = await startStack();
  const server = await startMmbatchServer({ tls: true, issuerFor: (_region, poolId) => stack.issuer(poolId), jwksUriFor: (_region, poolId) => stack.jwksUri(poolId) });
  process.stdout.write(`  AWS endpoint   ${stack.endpoint}\n  MMBatch server ${server.url} (CA certificate ${server.caCertFile})\n`);

  const env = {
    ...process.env,
    ...stack.env(),
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_CACHE_HOME: join(home, 'cache'),
    MMBATCH_SERVER: server.url,
    NODE_EXTRA_CA_CERTS: server.caCertFile,
  };
  // Asynchronous on purpose: the stack serves the CLI from this very process.
  const run = (title, args, options = {}) =>
    new Promise((resolve, reject) => {
      say(`${title}\n  $ mmbatch-auth ${args.join(' ')}`);
      const child = spawn(process.execPath, [BIN, ...args], {
        env: { ...env, ...options.env },
        stdio: ['pipe', options.capture ? 'pipe' : 'inherit', 'inherit'],
      });
      let stdout = '';
      child.stdout?.on('data', (chunk) => (stdout += chunk));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`mmbatch-auth ${args[0]} exited with ${code}`))));
      child.stdin.end(options.input ?? '');
    });

  try {
    await run('Set up Cognito for MMBatch (what the walkthrough does by hand), non-interactively', [
      'setup', '--yes', '--admin-email', admin, '--admin-password-stdin', '--ca-cert', server.caCertFile,
    ], { input: password });
    await run('Run it again: everything is already right, nothing is written', ['setup', '--yes', '--admin-email', admin, '--ca-cert', server.caCertFile]);
    const token = (await run('A token for scripts (from the cache: no AWS call, no password)', ['token'], { capture: true })).trim();
    process.stdout.write(`  ${token.slice(0, 24)}…${token.slice(-8)} (${token.length} characters)\n`);
    await run('Audit: everything as setup leaves it', ['status', '--ca-cert', server.caCertFile]);
    // Last, as the README promises: the walkthrough ends with an authenticated API call.
    await run('An authenticated API call: GET /api/v1/config', ['api', 'GET', '/api/v1/config', '--ca-cert', server.caCertFile]);
    say('Done: the MMBatch server now authenticates its users with Cognito.');
  } finally {
    await server.stop();
    await stack.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`demo failed: ${error.message}\n`);
  process.exitCode = 1;
});
