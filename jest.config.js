/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Type-checking is `npm run typecheck`'s job; jest only strips types (sucrase: pure JavaScript,
  // several times faster than ts-jest's per-file TypeScript transpile on a cold cache, as CI runs).
  transform: { '^.+\\.ts$': '@sucrase/jest-plugin' },
  // Two cores: one worker per core; synthesis dominates each file.
  maxWorkers: 2,
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  // One directory per run for the fixtures test files share (test/helpers/shared-assembly.ts).
  globalSetup: '<rootDir>/test/global-setup.ts',
  testTimeout: 120000,
};
