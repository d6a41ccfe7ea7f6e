import { ResourceRule } from '../../rule';
import { valuesAt } from '../../readers';
import { allTrue, checkMonitoringJobs, MONITORING_JOB_TYPES } from './private';

/** A monitoring job's containers can make no outbound network calls. */
export const SageMakerMonitoringNetworkIsolation: ResourceRule = {
  id: 'SageMakerMonitoringNetworkIsolation',
  resourceTypes: MONITORING_JOB_TYPES,
  passes: '`NetworkConfig.EnableNetworkIsolation: true` on the data-quality, model-quality, model-bias and model-explainability job definitions and on a monitoring schedule\'s inline job definition; a schedule that names a job definition is not applicable.',
  check: (resource) => checkMonitoringJobs(resource, ({ job }) =>
    allTrue(valuesAt(job, ['NetworkConfig', 'EnableNetworkIsolation']))
      ? undefined
      : { detail: 'Its containers are not network-isolated: NetworkConfig.EnableNetworkIsolation is not literally true.', path: 'NetworkConfig/EnableNetworkIsolation' }),
};
