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
    rationale: 'Encryption at rest under a key the customer controls protects the confidential data the cluster holds (CC6.1 uses encryption to protect data; C1.1 protects confidential information).',
    severity: Severity.ERROR,
    finding: 'DocumentDB cluster storage is not encrypted with a customer-managed KMS key.',
    fix: 'Set kmsKey on the L2 DatabaseCluster (storageEncrypted is true by default), i.e. StorageEncrypted: true and KmsKeyId on CfnDBCluster.',
  },
  {
    kind: 'resource',
    rule: DocDbDeletionProtection,
    criteria: ['A1.2'],
    rationale: 'Deletion protection keeps a production cluster from being removed by a stack change or a single call (A1.2 protects data against loss).',
    severity: Severity.ERROR,
    finding: 'DocumentDB cluster does not have deletion protection enabled.',
    fix: 'Set deletionProtection: true on the L2 DatabaseCluster (DeletionProtection). A non-production cluster acknowledges Soc2Ml::DocDbDeletionProtection with the reason.',
  },
  {
    kind: 'resource',
    rule: DocDbManagedPassword,
    criteria: ['CC6.1'],
    rationale: 'A master password generated and kept in Secrets Manager, never written in the template, is a logical access control over the data (CC6.1); CloudFormation offers DocumentDB no IAM authentication.',
    severity: Severity.ERROR,
    finding: 'DocumentDB cluster master password is not kept in Secrets Manager.',
    fix: 'Give the L2 DatabaseCluster masterUser { username, kmsKey } without a password (CDK generates a secret), or set ManageMasterUserPassword: true with MasterUserSecretKmsKeyId on CfnDBCluster, or MasterUserPassword as {{resolve:secretsmanager:…}}. Never a literal password.',
  },
  {
    kind: 'resource',
    rule: DocDbAuditLogsExported,
    criteria: ['CC7.2'],
    rationale: 'An audit log of authentication, authorization and data-definition events in CloudWatch Logs lets access to the cluster be monitored and investigated (CC7.2).',
    severity: Severity.ERROR,
    finding: 'DocumentDB cluster does not write and export its audit log to CloudWatch Logs.',
    fix: 'Set exportAuditLogsToCloudWatch: true on the L2 DatabaseCluster and give it a ClusterParameterGroup with parameters { audit_logs: \'enabled\' } (EnableCloudwatchLogsExports [\'audit\'] and DBClusterParameterGroupName on CfnDBCluster).',
  },
];
