// Sources are ESM TypeScript; jest runs them through esbuild as CommonJS (see test/support/jest-esbuild-transform.cjs).
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.mjs'],
  moduleFileExtensions: ['ts', 'mjs', 'js', 'cjs', 'json'],
  transform: { '\\.(ts|mjs|js)$': '<rootDir>/test/support/jest-esbuild-transform.cjs' },
  // ESM-only packages (chalk, @inquirer/*) must be transformed too.
  transformIgnorePatterns: ['/node_modules/(?!(chalk|@inquirer|ansi-|strip-ansi|cli-width|mute-stream|signal-exit|yoctocolors|wrap-ansi|string-width|emoji-regex|get-east-asian-width)/)'],
  // src/**/*.ts import siblings as './x.js' (NodeNext style); map them back to the .ts file.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testTimeout: 60000,
  setupFiles: ['<rootDir>/test/support/jest-env.cjs'],
  globalSetup: '<rootDir>/test/support/jest-global-setup.cjs',
  reporters: ['default', '<rootDir>/test/support/summary-reporter.cjs'],
};
