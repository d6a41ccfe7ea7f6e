import { ResourceRule } from '../../rule';
import { valuesAt } from '../../readers';
import { allCustomerManagedKeys, checkMonitoringJobs, keyProblem, MONITORING_JOB_TYPES } from './private';

/** The storage volumes of a monitoring job's instances are encrypted with a customer-managed key. */
export const SageMakerMonitoringVolumeKms: ResourceRule = {
  id: 'SageMakerMonitoringVolumeKms',
  resourceTypes: MONITORING_JOB_TYPES,
  passes: '`ClusterConfig.VolumeKmsKeyId` (under `JobResources` on job definitions, `MonitoringResources` inline in a schedule) names a customer-managed key; a schedule that names a job definition is not applicable.',
  check: (resource) => checkMonitoringJobs(resource, ({ job, resources }) => {
    const keys = valuesAt(job, [resources, 'ClusterConfig', 'VolumeKmsKeyId']);
    return allCustomerManagedKeys(keys)
      ? undefined
      : { detail: `Its job's storage volumes are not encrypted with a customer-managed key: ${keyProblem(keys)}.`, path: `${resources}/ClusterConfig/VolumeKmsKeyId` };
  }),
};
