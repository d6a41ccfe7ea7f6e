import { ResourceRule } from '../../rule';
import { valuesAt } from '../../readers';
import { checkPipelineJobs, PIPELINE_TYPE } from './pipeline';
import { vpcConfigProblem } from './vpc';

/** Every training and processing step of a SageMaker pipeline runs in customer subnets and security groups. */
export const SageMakerPipelineStepVpc: ResourceRule = {
  id: 'SageMakerPipelineStepVpc',
  resourceTypes: [PIPELINE_TYPE],
  passes: 'Every Training and Tuning step of the inline `PipelineDefinitionBody` has a `VpcConfig`, and every Processing, QualityCheck and ClarifyCheck step a `NetworkConfig.VpcConfig`, with non-empty `Subnets` and `SecurityGroupIds`; a body the pack cannot parse fails; a definition only in S3 is not judged.',
  check: (resource) => checkPipelineJobs(resource, (j) => {
    const problem = vpcConfigProblem(valuesAt(j.job, j.vpc));
    return problem ? `it does not run in the customer VPC: ${problem}` : undefined;
  }),
};
