// Replaced at build time by the package version (build.mjs); the sources keep a readable default.
declare const __MMBATCH_AUTH_VERSION__: string | undefined;
export const VERSION: string = typeof __MMBATCH_AUTH_VERSION__ === 'string' ? __MMBATCH_AUTH_VERSION__ : '0.0.0-dev';
