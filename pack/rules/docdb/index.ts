import { PackRule, Severity } from '../../rule';
import { DocDbAuditLogsExported } from './DocDbAuditLogsExported';
import { DocDbDeletionProtection } from './DocDbDeletionProtection';
import { DocDbManagedPassword } from './DocDbManagedPassword';
import { DocDbStorageEncrypted } from './DocDbStorageEncrypted';

/** The docdb rules, with the criteria, words and severity the pack gives them. */
export const DOCDB_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: DocDbStorageEncrypted,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'Document storage is encrypted (CC6.1) and holds confidential data (C1.1).',
    severity: Severity.ERROR,
    finding: 'DocumentDB cluster storage is not encrypted with a customer-managed KMS key.',
    fix: 'Set kmsKey on the L2 DatabaseCluster (storageEncrypted is true by default), i.e. StorageEncrypted: true and KmsKeyId on CfnDBCluster.',
  },
  {
    kind: 'resource',
    rule: DocDbDeletionProtection,
    criteria: ['A1.2'],
    rationale: 'The cluster cannot be deleted by accident (A1.2).',
    severity: Severity.ERROR,
    finding: 'DocumentDB cluster does not have deletion protection enabled.',
    fix: 'Set deletionProtection: true on the L2 DatabaseCluster (DeletionProtection). A non-production cluster acknowledges Soc2Ml::DocDbDeletionProtection with the reason.',
  },
  {
    kind: 'resource',
    rule: DocDbManagedPassword,
    criteria: ['CC6.1'],
    rationale: 'The master password is a managed secret (CC6.1 protects credentials).',
    severity: Severity.ERROR,
    finding: 'DocumentDB cluster master password is not kept in Secrets Manager.',
    fix: 'Give the L2 DatabaseCluster masterUser { username, kmsKey } without a password (CDK generates a secret), or set ManageMasterUserPassword: true with MasterUserSecretKmsKeyId on CfnDBCluster, or MasterUserPassword as {{resolve:secretsmanager:…}}. Never a literal password.',
  },
  {
    kind: 'resource',
    rule: DocDbAuditLogsExported,
    criteria: ['CC7.2'],
    rationale: 'Audit logs reach CloudWatch Logs for monitoring (CC7.2).',
    severity: Severity.ERROR,
    finding: 'DocumentDB cluster does not write and export its audit log to CloudWatch Logs.',
    fix: 'Set exportAuditLogsToCloudWatch: true on the L2 DatabaseCluster and give it a ClusterParameterGroup with parameters { audit_logs: \'enabled\' } (EnableCloudwatchLogsExports [\'audit\'] and DBClusterParameterGroupName on CfnDBCluster).',
  },
];
