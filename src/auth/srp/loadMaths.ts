// How the SRP flow loads ./maths.ts once its first call has left. Run from source (the tests), an
// import(). Built, this module is replaced (build.mjs: srpMathsShared) by a require() of the one
// shared dist/srpMaths.cjs, in the full CLI and the lean sign-in alike: no copy in each bundle.
export const loadSrpMaths = (): Promise<typeof import('./maths.js')> => import('./maths.js');
