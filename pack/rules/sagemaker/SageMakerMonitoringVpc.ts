import { ResourceRule } from '../../rule';
import { valuesAt } from '../../readers';
import { checkMonitoringJobs, MONITORING_JOB_TYPES } from './private';
import { vpcConfigProblem } from './vpc';

/**
 * A monitoring job runs in customer subnets and security groups.
 *
 * No row of the SOC 2 mapping covers VPC placement of monitoring jobs; like the rows for models,
 * notebooks and training jobs in a VPC, it evidences CC6.6 (boundary protection).
 */
export const SageMakerMonitoringVpc: ResourceRule = {
  id: 'SageMakerMonitoringVpc',
  resourceTypes: MONITORING_JOB_TYPES,
  passes: '`NetworkConfig.VpcConfig` with non-empty `Subnets` and `SecurityGroupIds` on the data-quality, model-quality, model-bias and model-explainability job definitions and on a monitoring schedule\'s inline job definition; a schedule that names a job definition is not applicable.',
  check: (resource) => checkMonitoringJobs(resource, ({ job }) => {
    const problem = vpcConfigProblem(valuesAt(job, ['NetworkConfig', 'VpcConfig']));
    return problem ? { detail: `Its job does not run in the customer VPC: ${problem}.`, path: 'NetworkConfig/VpcConfig' } : undefined;
  }),
};
