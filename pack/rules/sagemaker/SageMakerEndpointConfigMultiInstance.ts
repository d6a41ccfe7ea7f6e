import { failed, notApplicable, passed, ResourceRule } from '../../rule';
import { isObject, Json } from '../../json';
import { asNumber, flatten, isUnset } from '../../values';
import { valuesAt } from '../../readers';
import { elementsOf, settingState } from './private';

/**
 * Every instance-based production variant starts with at least two instances, which SageMaker
 * spreads across Availability Zones, and managed scaling cannot shrink it below two. Serverless
 * variants (`ServerlessConfig`) have no instances to count: SageMaker runs them across zones
 * itself, so they are not judged. Shadow variants serve no responses and are not judged either.
 */
export const SageMakerEndpointConfigMultiInstance: ResourceRule = {
  id: 'SageMakerEndpointConfigMultiInstance',
  resourceTypes: ['AWS::SageMaker::EndpointConfig'],
  passes: 'Every instance-based `ProductionVariants[]` has a literal `InitialInstanceCount` of 2 or more (and, with managed instance scaling enabled, `MinInstanceCount` of 2 or more); serverless variants are not judged.',
  check: (config) => {
    const variants = elementsOf(config.properties.ProductionVariants);
    let judged = 0;
    for (const variant of variants) {
      if (!isObject(variant)) {
        return failed('Its ProductionVariants cannot be read at synth time, so the instance counts cannot be proven to be 2 or more.', 'Properties/ProductionVariants');
      }
      if (valuesAt(variant.ServerlessConfig, []).every((v) => !isUnset(v))) {
        continue;
      }
      judged++;
      const problem = instanceCountProblem(variant.InitialInstanceCount) ?? scalingProblem(variant.ManagedInstanceScaling);
      if (problem) {
        return failed(`Production variant ${flatten(variant.VariantName)} ${problem}, a single point of failure.`, 'Properties/ProductionVariants');
      }
    }
    return judged === 0 ? notApplicable() : passed();
  },
};

function instanceCountProblem(value: Json | undefined): string | undefined {
  const counts = valuesAt(value, []);
  if (counts.some((c) => c === undefined)) {
    return 'sets no InitialInstanceCount, so it starts with one instance';
  }
  const numbers = counts.map(asNumber).filter((n): n is number => n !== undefined);
  if (numbers.length < counts.length) {
    return 'has an InitialInstanceCount that is not a literal number, so it may be one instance';
  }
  const fewest = Math.min(...numbers);
  return fewest < 2 ? `starts with ${fewest} instance(s)` : undefined;
}

function scalingProblem(value: Json | undefined): string | undefined {
  for (const scaling of valuesAt(value, [])) {
    if (!isObject(scaling) || settingState(valuesAt(scaling.Status, []), 'DISABLED') === 'expected') {
      continue;
    }
    for (const min of valuesAt(scaling.MinInstanceCount, [])) {
      const n = asNumber(min);
      if (min !== undefined && (n === undefined || n < 2)) {
        return n === undefined ? 'has a managed-scaling MinInstanceCount that is not a literal number, so it may scale in to one instance' : `can scale in to ${n} instance(s)`;
      }
    }
  }
  return undefined;
}
