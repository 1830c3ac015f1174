// cognito-identity and IAM come from the emulator another module provides (test/support/emulator/index.mjs),
// loaded on first use so cognito-idp keeps working while that module is missing or being written.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AwsError } from './wire-errors.mjs';

const EMULATOR_PATH = fileURLToPath(new URL('../emulator/index.mjs', import.meta.url));

/**
 * @typedef {{ region: string, accountId: string }} CallContext
 * @typedef {import('./wire-errors.mjs').WireResponse} WireResponse
 * @typedef {{
 *   handleCognitoIdentity(operation: string, body: object, ctx: CallContext): Promise<WireResponse>,
 *   handleIam(action: string, params: Record<string, string>, ctx: CallContext): Promise<WireResponse>,
 *   handleSts(action: string, params: Record<string, string>, ctx: CallContext): Promise<WireResponse>,
 *   state: import('../emulator/state.mjs').EmulatorState,
 * }} IdentityAndIamEmulator
 */

/**
 * @param {string} [emulatorPath]
 * @param {Record<string, unknown>} [emulatorOptions] passed to createIdentityAndIamEmulator (settings, loginProviders)
 */
export function createIdentityAndIamHandlers(emulatorPath = EMULATOR_PATH, emulatorOptions = {}) {
  /** @type {Promise<IdentityAndIamEmulator> | undefined} */
  let emulator;

  async function load() {
    if (!existsSync(emulatorPath)) {
      throw new AwsError('NotImplemented', `cognito-identity and IAM are not emulated: ${emulatorPath} does not exist yet`, 501);
    }
    emulator ??= importModule(emulatorPath)
      .then((module) => module.createIdentityAndIamEmulator(emulatorOptions))
      .catch((error) => {
        emulator = undefined; // a module that failed to load is tried again on the next call
        throw error;
      });
    return emulator;
  }

  return {
    /** The emulator itself (its state: identities, roles, settings), loaded if it is not yet. */
    emulator: load,
    /** @param {string} operation @param {object} input @param {CallContext} ctx */
    'cognito-identity': async (operation, input, ctx) => (await load()).handleCognitoIdentity(operation, input, ctx),
    /** @param {string} operation @param {Record<string, string>} input @param {CallContext} ctx */
    iam: async (operation, input, ctx) => (await load()).handleIam(operation, input, ctx),
    /** @param {string} operation @param {Record<string, string>} input @param {CallContext} ctx */
    sts: async (operation, input, ctx) => (await load()).handleSts(operation, input, ctx),
  };
}

/**
 * Under jest this file is CommonJS and only `require` loads (and transforms) another module; under node it is ESM.
 * @param {string} file
 */
function importModule(file) {
  // eslint-disable-next-line no-undef
  if (typeof require === 'function') return Promise.resolve(require(file));
  return import(pathToFileURL(file).href);
}
