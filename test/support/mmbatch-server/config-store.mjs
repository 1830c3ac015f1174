// The server's live state: its configuration object (changed in place, so a test holding it sees
// every change) and the AWS credentials pushed with the Cognito settings, kept outside the config
// so that GET /api/v1/config never reveals them.
import { initialConfig } from './initial-config.mjs';
import { toCognitoView } from './cognito-settings.mjs';

/** @typedef {import('./cognito-settings.mjs').CognitoSection} CognitoSection */
/** @typedef {import('./cognito-settings.mjs').CognitoRequest} CognitoRequest */

export function createConfigStore() {
  const config = initialConfig();
  /** Never logged, never echoed. */
  const credentials = { accessKey: '', secretKey: '' };

  return {
    config,
    credentials,

    /** @returns {CognitoSection} */
    cognito() {
      return config.security.cognito;
    },

    cognitoView() {
      return toCognitoView(config.security.cognito);
    },

    /** Changes security.cognito only. @param {CognitoRequest} request */
    enableCognito({ region, userPoolID, clientID, identityPoolID, adminGroups, accessKey, secretKey }) {
      Object.assign(config.security.cognito, {
        enabled: true,
        region,
        userPoolID,
        identityPoolID,
        clientID,
        adminGroups: [...adminGroups],
      });
      Object.assign(credentials, { accessKey, secretKey });
    },

    /** Keeps the pool settings, so enabling again is one call. */
    disableCognito() {
      config.security.cognito.enabled = false;
    },
  };
}

/** @typedef {ReturnType<typeof createConfigStore>} ConfigStore */
