import { failed, passed, ResourceRule } from '../../rule';
import { valuesAt } from '../../readers';
import { vpcConfigProblem } from './vpc';

/** The model's hosting and batch-transform containers run in customer subnets and security groups. */
export const SageMakerModelInVpc: ResourceRule = {
  id: 'SageMakerModelInVpc',
  resourceTypes: ['AWS::SageMaker::Model'],
  passes: '`VpcConfig` with non-empty `Subnets` and `SecurityGroupIds` (literal lists or references).',
  check: (model) => {
    const problem = vpcConfigProblem(valuesAt(model.properties.VpcConfig, []));
    if (problem) {
      return failed(`Its containers do not run in the customer VPC: ${problem}.`, 'Properties/VpcConfig');
    }
    return passed();
  },
};
