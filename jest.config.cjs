// Sources are ESM TypeScript; jest runs them through esbuild as CommonJS (see test/support/jest-esbuild-transform.cjs).
// Two projects: the product's tests, and the tests of the test doubles (local stack, emulator, stand-in server)
// under test/support/tests/, so either can run alone: `npx jest --selectProjects test-doubles`.
const shared = {
  testEnvironment: 'node',
  testTimeout: 60000,
  moduleFileExtensions: ['ts', 'mjs', 'js', 'cjs', 'json'],
  transform: { '\\.(ts|mjs|js)$': '<rootDir>/test/support/jest-esbuild-transform.cjs' },
  // ESM-only packages (chalk, @inquirer/*) must be transformed too.
  transformIgnorePatterns: ['/node_modules/(?!(chalk|@inquirer|ansi-|strip-ansi|cli-width|mute-stream|signal-exit|yoctocolors|wrap-ansi|string-width|emoji-regex|get-east-asian-width)/)'],
  // src/**/*.ts import siblings as './x.js' (NodeNext style); map them back to the .ts file.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  setupFiles: ['<rootDir>/test/support/jest-env.cjs'],
};

module.exports = {
  testTimeout: 60000,
  globalSetup: '<rootDir>/test/support/jest-global-setup.cjs',
  reporters: ['default', '<rootDir>/test/support/summary-reporter.cjs'],
  projects: [
    {
      ...shared,
      displayName: 'cli',
      roots: ['<rootDir>/src', '<rootDir>/test'],
      testMatch: ['**/*.test.ts', '**/*.test.mjs'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/support/'],
    },
    {
      ...shared,
      displayName: 'test-doubles',
      roots: ['<rootDir>/test/support'],
      testMatch: ['**/tests/**/*.test.mjs'],
    },
  ],
};
