import { ResourceRule } from '../../rule';
import { valuesAt } from '../../readers';
import { allTrue } from './private';
import { checkPipelineJobs, PIPELINE_TYPE } from './pipeline';

/** Every training and processing step of a SageMaker pipeline encrypts traffic between its instances. */
export const SageMakerPipelineStepTrafficEncryption: ResourceRule = {
  id: 'SageMakerPipelineStepTrafficEncryption',
  resourceTypes: [PIPELINE_TYPE],
  passes: 'Every Training and Tuning step of the inline `PipelineDefinitionBody` sets `EnableInterContainerTrafficEncryption: true`, and every Processing, QualityCheck and ClarifyCheck step `NetworkConfig.EnableInterContainerTrafficEncryption: true`; a body the pack cannot parse fails; a definition only in S3 is not judged.',
  check: (resource) => checkPipelineJobs(resource, (j) =>
    (allTrue(valuesAt(j.job, j.trafficEncryption)) ? undefined : `traffic between its instances is not encrypted (${j.trafficEncryption.join('.')} is not literally true)`)),
};
