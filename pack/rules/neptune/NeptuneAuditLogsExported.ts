import { ResourceRule } from '../../rule';
import { requireExportedAuditLog } from '../rds/private';

/**
 * Neptune's audit log (every query, with the IAM identity that signed it) is written and
 * published to CloudWatch Logs. It is written only when the cluster parameter group sets
 * `neptune_enable_audit_log` to 1 (the default is 0), so an export alone publishes nothing.
 */
export const NeptuneAuditLogsExported: ResourceRule = {
  id: 'NeptuneAuditLogsExported',
  resourceTypes: ['AWS::Neptune::DBCluster'],
  passes: '`EnableCloudwatchLogsExports` includes `audit` in every branch, and the `AWS::Neptune::DBClusterParameterGroup` it references (declared in the template) sets `neptune_enable_audit_log` to `1`.',
  check: (cluster) => requireExportedAuditLog(cluster, {
    groupType: 'AWS::Neptune::DBClusterParameterGroup',
    parameter: 'neptune_enable_audit_log',
    accepted: ['1'],
    expected: '1',
  }, 'Neptune'),
};
