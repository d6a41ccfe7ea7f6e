import { checkName, NameRules } from '../../core/names';
import { Soc2MlError } from '../../core/errors';

/*
 * The checks of a production variant's name, traffic weight and instance counts, one definition
 * for GuardedEndpoint's props and for the served model of `soc2ml:<env>:model` (the settings
 * call them with the context key as `at`, so errors name it).
 */

/** What is checked of one variant, as a caller may pass it from JavaScript or JSON. */
export interface VariantShape {
  readonly name?: unknown;
  readonly weight?: unknown;
  readonly instanceCount?: unknown;
  readonly maxInstanceCount?: unknown;
}

/** Instances a variant starts with when none are given: two, so production is spread over zones. */
export const DEFAULT_INSTANCE_COUNT = 2;

/** Check each variant's name, weight and instance counts, that names are unique, and that some traffic is described. */
export function checkVariants(variants: readonly VariantShape[], at: (i: number) => string, production: boolean, label: string): void {
  const seen = new Map<string, string>();
  variants.forEach((v, i) => {
    checkVariant(v, at(i), production);
    const name = (v.name as string).toLowerCase();
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      throw new Soc2MlError(`${at(i)}.name is "${String(v.name)}", and ${earlier} has the same name: every variant needs its own name, kept across updates.`);
    }
    seen.set(name, at(i));
  });
  if (variants.every((v) => (v.weight ?? 1) === 0)) {
    throw new Soc2MlError(`${label}' weights are all 0 (${variants.map((v) => `${String(v.name)}: 0`).join(', ')}), so they describe no traffic: give at least one variant a positive weight.`);
  }
}

/** Check one variant's name, weight and instance counts; `at` names it (`variants[0]`). */
export function checkVariant(v: VariantShape, at: string, production: boolean): void {
  checkName(NameRules.VARIANT_NAME, v?.name, `${at}.name`);
  const weight = v.weight;
  if (weight !== undefined && !(typeof weight === 'number' && Number.isFinite(weight) && weight >= 0)) {
    throw new Soc2MlError(`${at}.weight is ${JSON.stringify(weight)}: a weight is the variant's relative share of traffic, a number of 0 or more.`);
  }
  const count = v.instanceCount ?? DEFAULT_INSTANCE_COUNT;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) {
    throw new Soc2MlError(`${at}.instanceCount is ${JSON.stringify(count)}: a variant needs a whole number of instances, at least 1 (at least 2 in production).`);
  }
  if (production && count < 2) {
    throw new Soc2MlError(`${at}.instanceCount is ${count} in a production environment: production variants need at least 2 instances, which SageMaker spreads across Availability Zones. Pass 2 or more.`);
  }
  const max = v.maxInstanceCount;
  if (max !== undefined && !(typeof max === 'number' && Number.isInteger(max) && max >= count)) {
    throw new Soc2MlError(`${at}.maxInstanceCount is ${JSON.stringify(max)}, below instanceCount ${count} or not a whole number: autoscaling keeps at least instanceCount instances; pass a whole number of at least ${count}.`);
  }
}
