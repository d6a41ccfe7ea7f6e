/*
 * The test runner (`npm test` runs it after the static checks). Vitest, not jest: with `isolate:
 * false` a worker's test files share one module instance of aws-cdk-lib and of this package, so
 * the JIT warm-up of a synthesis and CloudFormation Validate's rule engine are paid once per
 * worker instead of once per file. Measured on this 2-core machine, same load, same 3,012 tests:
 * jest 256 s of CPU, vitest 134 s (docs/development.md). What the files share is therefore
 * watched: test/setup-env.ts runs before each file, and a test that changes process.env or a
 * singleton puts it back.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // describe/test/expect/vi as globals, as the tests were written.
    globals: true,
    environment: 'node',
    setupFiles: ['test/setup-env.ts'],
    // One directory per run for the fixtures test files share (test/helpers/shared-assembly.ts).
    globalSetup: ['test/global-setup.ts'],
    // Two cores: one worker per core; synthesis dominates each file.
    pool: 'forks',
    maxWorkers: 2,
    isolate: false,
    testTimeout: 120_000,
    // A shared fixture's first reader builds it in its beforeAll (the default app with evidence).
    hookTimeout: 240_000,
  },
});
