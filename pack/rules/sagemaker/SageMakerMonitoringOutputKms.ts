import { ResourceRule } from '../../rule';
import { valuesAt } from '../../readers';
import { allCustomerManagedKeys, checkMonitoringJobs, keyProblem, MONITORING_JOB_TYPES } from './private';

/** The reports a monitoring job writes to S3 are encrypted with a customer-managed key. */
export const SageMakerMonitoringOutputKms: ResourceRule = {
  id: 'SageMakerMonitoringOutputKms',
  resourceTypes: MONITORING_JOB_TYPES,
  passes: 'The output config\'s `KmsKeyId` (`<Type>JobOutputConfig.KmsKeyId` on job definitions, `MonitoringOutputConfig.KmsKeyId` inline in a schedule) names a customer-managed key; a schedule that names a job definition is not applicable.',
  check: (resource) => checkMonitoringJobs(resource, ({ job, outputConfig }) => {
    const keys = valuesAt(job, [outputConfig, 'KmsKeyId']);
    return allCustomerManagedKeys(keys)
      ? undefined
      : { detail: `Its monitoring output is not encrypted with a customer-managed key: ${keyProblem(keys)}.`, path: `${outputConfig}/KmsKeyId` };
  }),
};
