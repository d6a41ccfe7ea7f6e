import { ResourceRule } from '../../rule';
import { valuesAt } from '../../readers';
import { allTrue, checkMonitoringJobs, MONITORING_JOB_TYPES } from './private';

/**
 * Traffic between the instances of a monitoring job is encrypted. Required whatever the instance
 * count: the count can grow without anyone revisiting the network settings.
 */
export const SageMakerMonitoringInterContainerEncryption: ResourceRule = {
  id: 'SageMakerMonitoringInterContainerEncryption',
  resourceTypes: MONITORING_JOB_TYPES,
  passes: '`NetworkConfig.EnableInterContainerTrafficEncryption: true` on the data-quality, model-quality, model-bias and model-explainability job definitions and on a monitoring schedule\'s inline job definition; a schedule that names a job definition is not applicable.',
  check: (resource) => checkMonitoringJobs(resource, ({ job }) =>
    allTrue(valuesAt(job, ['NetworkConfig', 'EnableInterContainerTrafficEncryption']))
      ? undefined
      : { detail: 'Traffic between its job instances is not encrypted: NetworkConfig.EnableInterContainerTrafficEncryption is not literally true.', path: 'NetworkConfig/EnableInterContainerTrafficEncryption' }),
};
