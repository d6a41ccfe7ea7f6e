import { Json } from '../../json';
import { prop } from '../../readers';
import { hasEntries } from './private';

/**
 * What is missing from a SageMaker `VpcConfig` (`Subnets` and `SecurityGroupIds`), given every
 * value it can take (from `valuesAt`), or undefined when every one names both.
 */
export function vpcConfigProblem(configs: readonly (Json | undefined)[]): string | undefined {
  if (configs.some((c) => c === undefined)) {
    return 'it sets no VpcConfig';
  }
  if (configs.some((c) => !hasEntries(prop(c, 'Subnets')))) {
    return 'its VpcConfig names no Subnets';
  }
  if (configs.some((c) => !hasEntries(prop(c, 'SecurityGroupIds')))) {
    return 'its VpcConfig names no SecurityGroupIds';
  }
  return undefined;
}
