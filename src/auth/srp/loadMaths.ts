// How the SRP flow loads ./maths.ts once its first call has left. Run from source (the tests), an
// import(). Built, this module is replaced (build.mjs: srpMathsShared) by a require() of the one
// shared dist/srpMaths.cjs, in the ES-module CLI (through its chunks' createRequire) and the lean
// CommonJS sign-in alike: no chunk of its own, and no parse of that file for its export names.
export const loadSrpMaths = (): Promise<typeof import('./maths.js')> => import('./maths.js');
