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
    rationale: 'Graph storage is encrypted (CC6.1) and holds confidential data (C1.1).',
    severity: Severity.ERROR,
    finding: 'Neptune cluster storage is not encrypted with a customer-managed KMS key.',
    fix: 'Set storageEncrypted: true and kmsKeyId to your key on CfnDBCluster (StorageEncrypted, KmsKeyId).',
  },
  {
    kind: 'resource',
    rule: NeptuneDeletionProtection,
    criteria: ['A1.2'],
    rationale: 'The cluster cannot be deleted by accident (A1.2).',
    severity: Severity.ERROR,
    finding: 'Neptune cluster does not have deletion protection enabled.',
    fix: 'Set deletionProtection: true on CfnDBCluster (DeletionProtection). A non-production cluster acknowledges Soc2Ml::NeptuneDeletionProtection with the reason.',
  },
  {
    kind: 'resource',
    rule: NeptuneIamAuth,
    criteria: ['CC6.1'],
    rationale: 'Connections authenticate with IAM (CC6.1).',
    severity: Severity.ERROR,
    finding: 'Neptune cluster does not require IAM database authentication.',
    fix: 'Set iamAuthEnabled: true on CfnDBCluster (IamAuthEnabled) and grant neptune-db:* actions to the roles that query it.',
  },
  {
    kind: 'resource',
    rule: NeptuneAuditLogsExported,
    criteria: ['CC7.2'],
    rationale: 'Audit logs reach CloudWatch Logs for monitoring (CC7.2).',
    severity: Severity.ERROR,
    finding: 'Neptune cluster does not write and export its audit log to CloudWatch Logs.',
    fix: 'Set enableCloudwatchLogsExports: [\'audit\'] on CfnDBCluster and reference a CfnDBClusterParameterGroup declared in the stack with parameters { neptune_enable_audit_log: 1 } (DBClusterParameterGroupName).',
  },
];
