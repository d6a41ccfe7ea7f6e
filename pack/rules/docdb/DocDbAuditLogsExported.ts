import { ResourceRule } from '../../rule';
import { requireExportedAuditLog } from '../rds/private';

/** `audit_logs` values that record events (`disabled` and `none` record nothing). */
const AUDITING = ['enabled', 'all', 'ddl', 'dml_read', 'dml_write'];

/**
 * DocumentDB's audit log (authentication, authorization, DDL and, if chosen, DML events) is
 * written and published to CloudWatch Logs. It is written only when the cluster parameter group
 * turns `audit_logs` on (the default is `disabled`), so an export alone publishes nothing.
 */
export const DocDbAuditLogsExported: ResourceRule = {
  id: 'DocDbAuditLogsExported',
  resourceTypes: ['AWS::DocDB::DBCluster'],
  passes: '`EnableCloudwatchLogsExports` includes `audit` in every branch, and the `AWS::DocDB::DBClusterParameterGroup` it references (declared in the template) sets `audit_logs` to `enabled`, `all` or a list of `ddl`, `dml_read`, `dml_write`.',
  check: (cluster) => requireExportedAuditLog(cluster, {
    groupType: 'AWS::DocDB::DBClusterParameterGroup',
    parameter: 'audit_logs',
    accepted: AUDITING,
    expected: 'enabled',
  }, 'DocumentDB'),
};
