/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Type-checking is `npm run typecheck`'s job; jest only transpiles.
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  // Two cores: one worker per core; synthesis dominates each file.
  maxWorkers: 2,
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  // One directory per run for the fixtures test files share (test/helpers/shared-assembly.ts).
  globalSetup: '<rootDir>/test/global-setup.ts',
  testTimeout: 120000,
};
