import { PackRule, Severity } from '../../rule';
import { NeptuneAuditLogsExported } from './NeptuneAuditLogsExported';
import { NeptuneDeletionProtection } from './NeptuneDeletionProtection';
import { NeptuneIamAuth } from './NeptuneIamAuth';
import { NeptuneStorageEncrypted } from './NeptuneStorageEncrypted';

/** The neptune rules, with the criteria, words and severity the pack gives them. */
export const NEPTUNE_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: NeptuneStorageEncrypted,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'Encryption at rest under a key the customer controls protects the confidential data the graph holds (CC6.1 uses encryption to protect data; C1.1 protects confidential information).',
    severity: Severity.ERROR,
    finding: 'Neptune cluster storage is not encrypted with a customer-managed KMS key.',
    fix: 'Set storageEncrypted: true and kmsKeyId to your key on CfnDBCluster (StorageEncrypted, KmsKeyId).',
  },
  {
    kind: 'resource',
    rule: NeptuneDeletionProtection,
    criteria: ['A1.2'],
    rationale: 'Deletion protection keeps a production graph from being removed by a stack change or a single call (A1.2 protects data against loss).',
    severity: Severity.ERROR,
    finding: 'Neptune cluster does not have deletion protection enabled.',
    fix: 'Set deletionProtection: true on CfnDBCluster (DeletionProtection). A non-production cluster acknowledges Soc2Ml::NeptuneDeletionProtection with the reason.',
  },
  {
    kind: 'resource',
    rule: NeptuneIamAuth,
    criteria: ['CC6.1'],
    rationale: 'IAM authentication is the only way Neptune identifies who queries the graph (CC6.1 logical access controls).',
    severity: Severity.ERROR,
    finding: 'Neptune cluster does not require IAM database authentication.',
    fix: 'Set iamAuthEnabled: true on CfnDBCluster (IamAuthEnabled) and grant neptune-db:* actions to the roles that query it.',
  },
  {
    kind: 'resource',
    rule: NeptuneAuditLogsExported,
    criteria: ['CC7.2'],
    rationale: 'An audit log of every query, with the identity that made it, in CloudWatch Logs lets access to the graph be monitored and investigated (CC7.2).',
    severity: Severity.ERROR,
    finding: 'Neptune cluster does not write and export its audit log to CloudWatch Logs.',
    fix: 'Set enableCloudwatchLogsExports: [\'audit\'] on CfnDBCluster and reference a CfnDBClusterParameterGroup declared in the stack with parameters { neptune_enable_audit_log: 1 } (DBClusterParameterGroupName).',
  },
];
