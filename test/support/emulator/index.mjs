// Cognito Federated Identities and IAM, emulated in memory for the tests and the demo stack.
// The gateway (another module) does the HTTP routing and calls the handlers of
// createIdentityAndIamEmulator(); startEmulatorServer() is a minimal stand-alone server for
// this emulator's own tests.
export { createIdentityAndIamEmulator } from './emulator.mjs';
export { startEmulatorServer } from './server.mjs';
export { createState } from './state.mjs';
export { AWS_LOGIN_PROVIDERS } from './cognito-identity/login-tokens.mjs';
export { evaluateTrustPolicy } from './iam/trust-policy.mjs';
export { ServiceError } from './errors.mjs';
