import { ResourceRule } from '../../rule';
import { Json } from '../../json';
import { valuesAt } from '../../readers';
import { allCustomerManagedKeys, keyProblem } from './private';
import { checkPipelineJobs, isPipelineExpression, PIPELINE_TYPE } from './pipeline';

/** What is wrong with one key setting of a step, or undefined. */
function keySettingProblem(values: readonly (Json | undefined)[], what: string, path: readonly string[]): string | undefined {
  if (values.some(isPipelineExpression)) {
    return `its ${what} key (${path.join('.')}) is decided at execution by a pipeline parameter or step property, which synth cannot see; name the key in the definition`;
  }
  return allCustomerManagedKeys(values) ? undefined : `its ${what} are not encrypted with a customer-managed key (${path.join('.')}): ${keyProblem(values)}`;
}

/** Every training and processing step of a SageMaker pipeline encrypts its volumes and outputs with customer-managed keys. */
export const SageMakerPipelineStepKms: ResourceRule = {
  id: 'SageMakerPipelineStepKms',
  resourceTypes: [PIPELINE_TYPE],
  passes: 'Every Training and Tuning step of the inline `PipelineDefinitionBody` names customer-managed keys in `ResourceConfig.VolumeKmsKeyId` and `OutputDataConfig.KmsKeyId`, and every Processing, QualityCheck and ClarifyCheck step in `ProcessingResources.ClusterConfig.VolumeKmsKeyId` and `ProcessingOutputConfig.KmsKeyId`; a body the pack cannot parse fails; a definition only in S3 is not judged.',
  check: (resource) => checkPipelineJobs(resource, (j) =>
    keySettingProblem(valuesAt(j.job, j.volumeKey), 'storage volumes', j.volumeKey)
    ?? keySettingProblem(valuesAt(j.job, j.outputKey), 'outputs', j.outputKey)),
};
