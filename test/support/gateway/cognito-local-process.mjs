// cognito-local (jagregory/cognito-local) as a child process: its own working directory for state, its output in a
// log file there, and no way to outlive the process that started it.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const COGNITO_LOCAL_START = path.join(PROJECT_ROOT, 'node_modules/cognito-local/lib/bin/start.js');
const STARTUP_TIMEOUT_MS = 20_000;

/**
 * Preloaded into cognito-local, as a data: URL so it needs no file of its own:
 * - when its stdin closes (our process died, however it died) it removes its working directory and leaves;
 * - new pools get AWS-shaped ids and ARNs (`us-east-1_AbC123xyz`, account 000000000000) instead of `local_AbC12345`:
 *   AWS, and the identity pool emulator, refuse a provider name whose region differs from the pool id's.
 */
const COGNITO_LOCAL_PRELOAD = `
import { rmSync } from 'node:fs';
import Module from 'node:module';

const leave = () => { try { rmSync(process.cwd(), { recursive: true, force: true }); } finally { process.exit(0); } };
process.stdin.on('end', leave);
process.stdin.on('error', leave);
process.stdin.resume();

const compile = Module.prototype._compile;
Module.prototype._compile = function (source, filename) {
  if (filename.endsWith('/cognito-local/lib/targets/createUserPool.js')) {
    const patched = source
      .replace('const REGION = "local";', 'const REGION = process.env.MMBATCH_STACK_REGION;')
      .replace('const ACCOUNT_ID = "local";', 'const ACCOUNT_ID = "000000000000";')
      .replace('generator.new().slice(0, 8)', 'generator.new().slice(0, 9)');
    if (patched === source) console.error('stack: cognito-local createUserPool.js has changed; pool ids stay local_*');
    source = patched;
  }
  return compile.call(this, source, filename);
};
`;

/**
 * Starts cognito-local in `dataDir` on `port` and resolves once it answers.
 * @param {{ dataDir: string, port: number, region: string, issuerDomain: string }} options
 *   issuerDomain: the URL tokens name as their issuer's domain (the gateway, which serves the JWKS)
 */
export async function startCognitoLocal({ dataDir, port, region, issuerDomain }) {
  const url = `http://127.0.0.1:${port}`;
  const logFile = path.join(dataDir, 'cognito-local.log');
  writeCognitoLocalConfig(dataDir, issuerDomain);
  const child = spawnCognitoLocal({ dataDir, logFile, port: String(port), region });
  try {
    await waitUntilUp(url, child, logFile);
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
  return {
    url,
    pid: /** @type {number} */ (child.pid),
    logFile,
    /** Asks it to stop and waits until it is gone. */
    stop: () => stopProcess(child),
    /** For the process exit event, which allows no waiting. */
    kill: () => child.kill('SIGKILL'),
  };
}

/**
 * cognito-local reads .cognito/config.json from its working directory. Tokens name the gateway as issuer, like
 * Cognito's https://cognito-idp.<region>.amazonaws.com/<poolId>, and pools get no sign-in alias unless asked:
 * cognito-local's own default makes every pool sign in by e-mail.
 * @param {string} dataDir @param {string} endpoint
 */
function writeCognitoLocalConfig(dataDir, endpoint) {
  mkdirSync(path.join(dataDir, '.cognito'), { recursive: true });
  const config = { TokenConfig: { IssuerDomain: endpoint }, UserPoolDefaults: { UsernameAttributes: null } };
  writeFileSync(path.join(dataDir, '.cognito', 'config.json'), JSON.stringify(config, null, 2));
}

/** @param {{ dataDir: string, logFile: string, port: string, region: string }} options */
function spawnCognitoLocal({ dataDir, logFile, port, region }) {
  // Settings that would change cognito-local's behaviour (CODE fixes temporary passwords) stay out of its environment.
  const { CODE, DEBUG, COGNITO_LOCAL_DEVMODE, NODE_OPTIONS, ...inherited } = process.env;
  const log = openSync(logFile, 'a');
  try {
    const preload = `data:text/javascript,${encodeURIComponent(COGNITO_LOCAL_PRELOAD)}`;
    return spawn(process.execPath, ['--import', preload, COGNITO_LOCAL_START], {
      cwd: dataDir,
      env: { ...inherited, PORT: port, HOST: '127.0.0.1', MMBATCH_STACK_REGION: region },
      stdio: ['pipe', log, log],
    });
  } finally {
    closeSync(log);
  }
}

/**
 * Resolves once cognito-local answers its health check; fails fast if it exits, and after a bounded wait.
 * @param {string} url @param {import('node:child_process').ChildProcess} child @param {string} logFile
 */
async function waitUntilUp(url, child, logFile) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  while (!(await isHealthy(url))) {
    if (exited || Date.now() > deadline) {
      const why = exited ? `exited with ${child.exitCode ?? child.signalCode}` : `did not answer within ${STARTUP_TIMEOUT_MS} ms`;
      throw new Error(`cognito-local ${why}; its output is in ${logFile}:\n${tail(logFile)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** @param {string} url @returns {Promise<boolean>} */
function isHealthy(url) {
  return new Promise((resolve) => {
    const req = http.get(`${url}/health`, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(1000, () => req.destroy());
  });
}

/** @param {string} file */
function tail(file) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '(no output)';
  }
}

/** SIGTERM, then SIGKILL if it lingers; resolves once the process is gone. @param {import('node:child_process').ChildProcess} child */
async function stopProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await gone;
  clearTimeout(timer);
}

/** @returns {Promise<number>} a loopback port nobody listens on right now */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
      probe.close(() => resolve(port));
    });
  });
}
