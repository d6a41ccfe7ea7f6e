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
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest, started first so that neither worker is left with one of them at
 * the end while the other idles (without a results cache, as on CI, Vitest starts larger files
 * first, and these are not the largest). In this order; the rest as Vitest orders them.
 */
const HEAVIEST = [
  'test/package.test.ts',
  'test/bench/corpus.test.ts',
  'test/platform/validated-apps.test.ts',
  'test/evidence/default-app.test.ts',
  'test/platform/account-baseline-stack.test.ts',
  'test/settings/platform-settings.test.ts',
  'test/evidence/determinism.test.ts',
  'test/evidence/browser.test.ts',
];

class HeaviestFirst extends BaseSequencer {
  public override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = HEAVIEST.findIndex((h) => f.moduleId.endsWith(h));
      return i < 0 ? HEAVIEST.length : i;
    };
    const sorted = await super.sort(files);
    return sorted.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f);
  }
}

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
    sequence: { sequencer: HeaviestFirst },
    testTimeout: 120_000,
    // A shared fixture's first reader builds it in its beforeAll (the default app with evidence).
    hookTimeout: 240_000,
  },
});
