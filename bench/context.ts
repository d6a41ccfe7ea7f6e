import * as fs from 'fs';
import * as path from 'path';
import { App, IPolicyValidationPlugin } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { Soc2MlChecks } from '../pack/soc2-ml-checks';

// What `cdk synth` adds to the context by default (the CLI's pathMetadata, assetMetadata and
// versionReporting settings), so each synth here is the one users run.
const CLI_DEFAULTS = {
  'aws:cdk:enable-path-metadata': true,
  'aws:cdk:enable-asset-metadata': true,
  'aws:cdk:version-reporting': true,
};

/** The context of a bench synth: the CLI's defaults, the project's cdk.json, violations counted rather than thrown. */
export function synthContext(): Record<string, unknown> {
  return {
    ...CLI_DEFAULTS,
    ...JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'cdk.json'), 'utf-8')).context,
    // Violations are counted, not thrown: the bench measures work, not outcomes.
    '@aws-cdk/core:failSynthOnValidationErrors': false,
  };
}

/**
 * A plugin that examines nothing. With any plugin registered, CDK's validation framework maps the
 * construct tree (every element's logical id resolved), collects acknowledgements and writes its
 * report: a cost every plugin pays, and that a default `cdk synth` pays anyway, for CloudFormation
 * Validate is a plugin too. Measured alone, it says how much of a pack's overhead is the pack's own.
 */
export const NO_OP_PLUGIN: IPolicyValidationPlugin = { name: 'no-op', validate: () => ({ success: true, violations: [] }) };

/** The plugins each variant of the default app is checked by, in both benches (warm and cold). */
export const PACK_VARIANTS = {
  none: () => [],
  framework: () => [NO_OP_PLUGIN],
  soc2ml: (app) => [new Soc2MlChecks(app)],
  awsSolutions: (app) => [new AwsSolutionsChecks(app)],
} satisfies Record<string, (app: App) => IPolicyValidationPlugin[]>;

export type PackVariant = keyof typeof PACK_VARIANTS;

/** The quantiles `qs` of `xs` (linear interpolation between order statistics), from one sort. */
function quantiles(xs: readonly number[], qs: readonly number[]): number[] {
  const s = [...xs].sort((a, b) => a - b);
  return qs.map((q) => {
    const i = (s.length - 1) * q;
    const lo = Math.floor(i);
    return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (i - lo);
  });
}

export function median(xs: readonly number[]): number {
  return quantiles(xs, [0.5])[0];
}

/** The first and third quartiles. */
export function quartiles(xs: readonly number[]): [number, number] {
  const [q1, q3] = quantiles(xs, [0.25, 0.75]);
  return [q1, q3];
}

/**
 * How far a ratio moved from round to round: the quartiles of `a[i] / b[i]` over the rounds (each
 * round runs every variant once). The spread says how much of a difference between two runs is noise.
 */
export function roundRatioSpread(a: readonly number[], b: readonly number[]): string {
  const [q1, q3] = quartiles(a.map((x, i) => x / b[i]));
  return `${q1.toFixed(3)}-${q3.toFixed(3)}`;
}
