import { ResourceRule } from '../../rule';
import { valuesAt } from '../../readers';
import { allTrue } from './private';
import { checkPipelineJobs, PIPELINE_TYPE } from './pipeline';

/** Every training and processing step of a SageMaker pipeline runs network-isolated. */
export const SageMakerPipelineStepNetworkIsolation: ResourceRule = {
  id: 'SageMakerPipelineStepNetworkIsolation',
  resourceTypes: [PIPELINE_TYPE],
  passes: 'Every Training and Tuning step of the inline `PipelineDefinitionBody` (Condition steps included) sets `EnableNetworkIsolation: true`, and every Processing, QualityCheck and ClarifyCheck step `NetworkConfig.EnableNetworkIsolation: true`; a body the pack cannot parse fails; a definition only in S3 is not judged.',
  check: (resource) => checkPipelineJobs(resource, (j) =>
    (allTrue(valuesAt(j.job, j.isolation)) ? undefined : `its containers are not network-isolated (${j.isolation.join('.')} is not literally true)`)),
};
