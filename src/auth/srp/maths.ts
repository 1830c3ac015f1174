// The SRP maths a sign-in uses after its first call, behind one module: cognito-srp-helper's (with
// jsbn and the crypto-js parts it needs) and OpenSSL's exponentiation for it. The client's half
// (./session.ts) needs none of it, so ../flows/srp.ts loads this while InitiateAuth is answered.
// The build makes it one CommonJS file (dist/srpMaths.cjs) that the full CLI and the lean
// sign-in both load, on demand, rather than a copy in each (build.mjs: srpMathsShared). Pure functions only: no error classes of
// ours cross it, so instanceof checks never meet a second copy of a class.
export { signSrpSession, wrapAuthChallenge } from 'cognito-srp-helper';
export { withOpensslModPow } from './modPow.js';
