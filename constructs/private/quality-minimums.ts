import { Soc2MlError } from '../../core/errors';
/*
 * The minimums a model family's quality metrics must meet to be released, checked where they enter:
 * the `ModelSignatureGate`'s `releaseChecks` and the `soc2ml:modelFamilies` context key (whose
 * errors name the key).
 */

/** Minimum model-quality metrics by model family, then metric: `{ churn: { auc: 0.8 } }`. */
export type QualityMinimumsByFamily = Readonly<Record<string, Readonly<Record<string, number>>>>;

/**
 * Metrics of SageMaker's model-quality statistics where lower is better: a minimum on them would
 * pass a worse model and reject a better one.
 */
const LOWER_IS_BETTER = ['mae', 'mse', 'rmse', 'false_positive_rate', 'false_negative_rate'];

/** A metric name as the statistics write it: `auc`, `f1`, `weighted_f1`, `r2`. */
const METRIC_NAME = /^[a-z][a-z0-9_]*$/;

/**
 * Throw on a family's minimums the gate could not apply, naming `label` (for example
 * `releaseChecks.qualityMinimums.churn` or `soc2ml:modelFamilies[0].minimums`), the value and the fix.
 */
export function validateFamilyMinimums(minimums: unknown, label: string): asserts minimums is Readonly<Record<string, number>> {
  if (typeof minimums !== 'object' || minimums === null || Array.isArray(minimums)) {
    throw new Soc2MlError(`${label} is ${JSON.stringify(minimums)}: pass an object of metric minimums, for example {"auc": 0.8}.`);
  }
  for (const [metric, minimum] of Object.entries(minimums as Record<string, unknown>)) {
    if (!METRIC_NAME.test(metric)) {
      throw new Soc2MlError(`${label} names the metric ${JSON.stringify(metric)}: use the name the model-quality statistics give it, in lowercase (auc, f1, accuracy, weighted_f1, r2).`);
    }
    if (LOWER_IS_BETTER.includes(metric)) {
      throw new Soc2MlError(`${label}.${metric} sets a minimum on ${metric}, where lower is better: a minimum would reject better models. Set a minimum on a metric where higher is better (for example r2 for a regression, or true_negative_rate instead of false_positive_rate).`);
    }
    if (typeof minimum !== 'number' || !Number.isFinite(minimum)) {
      throw new Soc2MlError(`${label}.${metric} is ${JSON.stringify(minimum)}: pass a number, the lowest value a release may have (for example 0.8).`);
    }
  }
}

/** Throw unless every family of `minimums` is one of `families`, and each family's minimums are valid. */
export function validateQualityMinimums(minimums: QualityMinimumsByFamily, label: string, families: readonly string[]): void {
  for (const [family, metrics] of Object.entries(minimums)) {
    if (!families.includes(family)) {
      throw new Soc2MlError(`${label} sets minimums for "${family}", which is not a model family of the registry (${families.join(', ') || 'none'}): add it to modelFamilies or fix the name.`);
    }
    validateFamilyMinimums(metrics, `${label}.${family}`);
  }
}
