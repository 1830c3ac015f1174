// Every piece of SRP maths a sign-in uses, behind one module: cognito-srp-helper's (with jsbn and
// the crypto-js parts it needs), our client half and OpenSSL's exponentiation. The build makes it
// one CommonJS file (dist/srpMaths.cjs) that the ES-module CLI and the lean sign-in both load,
// rather than a copy in each (build.mjs: srpMathsShared). Pure functions only: no error classes of
// ours cross it, so instanceof checks never meet a second copy of a class.
export { signSrpSession, wrapAuthChallenge, wrapInitiateAuth } from 'cognito-srp-helper';
export { withOpensslModPow } from './modPow.js';
export { createSrpSession } from './session.js';
