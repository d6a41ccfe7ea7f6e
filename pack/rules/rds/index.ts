import { PackRule, Severity } from '../../rule';
import { RdsBackupRetention } from './RdsBackupRetention';
import { RdsDeletionProtection } from './RdsDeletionProtection';
import { RdsIamAuthOrManagedPassword } from './RdsIamAuthOrManagedPassword';
import { RdsLogsExported } from './RdsLogsExported';
import { RdsNotPubliclyAccessible } from './RdsNotPubliclyAccessible';
import { RdsStorageEncrypted } from './RdsStorageEncrypted';
import { RdsTlsEnforced } from './RdsTlsEnforced';

/** The rds rules, with the criteria, words and severity the pack gives them. */
export const RDS_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: RdsStorageEncrypted,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'Database storage is encrypted (CC6.1) and holds confidential data (C1.1).',
    severity: Severity.ERROR,
    finding: 'RDS database storage is not encrypted with a customer-managed KMS key.',
    fix: 'Set storageEncryptionKey on the L2 DatabaseInstance or DatabaseCluster (StorageEncrypted: true and KmsKeyId on CfnDBInstance/CfnDBCluster), also on restores and read replicas.',
  },
  {
    kind: 'resource',
    rule: RdsNotPubliclyAccessible,
    criteria: ['CC6.6', 'CC6.1'],
    rationale: 'The database has no public endpoint (CC6.6, CC6.1).',
    severity: Severity.ERROR,
    finding: 'RDS database is, or may be, publicly accessible.',
    fix: 'Keep publiclyAccessible false on the L2 DatabaseInstance or ClusterInstance and place it in private or isolated subnets (vpcSubnets: { subnetType: SubnetType.PRIVATE_ISOLATED }); on the L1 write PubliclyAccessible: false.',
  },
  {
    kind: 'resource',
    rule: RdsTlsEnforced,
    criteria: ['CC6.7'],
    rationale: 'Connections to the database use TLS (CC6.7).',
    severity: Severity.ERROR,
    finding: 'RDS database accepts connections without TLS.',
    fix: 'Give the L2 its parameters (parameters: { \'rds.force_ssl\': \'1\' } for PostgreSQL and SQL Server, { require_secure_transport: \'ON\' } for MySQL, MariaDB and Aurora MySQL, { DB2COMM: \'SSL\' } for Db2; a DatabaseCluster puts them in its cluster parameter group), or reference a CfnDBParameterGroup/CfnDBClusterParameterGroup declared in the stack. For Oracle, an OptionGroup with NATIVE_NETWORK_ENCRYPTION and SQLNET.ENCRYPTION_SERVER REQUIRED.',
  },
  {
    kind: 'resource',
    rule: RdsBackupRetention,
    criteria: ['A1.2'],
    rationale: 'Automated backups are kept long enough to recover (A1.2).',
    severity: Severity.ERROR,
    finding: 'RDS database keeps automated backups for less than 7 days.',
    fix: 'Set backupRetention: Duration.days(7) or more on the L2 DatabaseInstance (backup: { retention } on DatabaseCluster), i.e. BackupRetentionPeriod >= 7.',
  },
  {
    kind: 'resource',
    rule: RdsDeletionProtection,
    criteria: ['A1.2'],
    rationale: 'The database cannot be deleted by accident (A1.2).',
    severity: Severity.ERROR,
    finding: 'RDS database does not have deletion protection enabled.',
    fix: 'Set deletionProtection: true on the L2 DatabaseInstance or DatabaseCluster (DeletionProtection: true). A non-production database acknowledges Soc2Ml::RdsDeletionProtection with the reason.',
  },
  {
    kind: 'resource',
    rule: RdsIamAuthOrManagedPassword,
    criteria: ['CC6.1'],
    rationale: 'Database credentials are IAM tokens or a managed, rotated secret (CC6.1).',
    severity: Severity.ERROR,
    finding: 'RDS database master credentials are neither IAM authentication nor a Secrets Manager secret.',
    fix: 'Use credentials: Credentials.fromGeneratedSecret(username, { encryptionKey }) on the L2 (or iamAuthentication: true); on the L1 set EnableIAMDatabaseAuthentication: true, or ManageMasterUserPassword: true with MasterUserSecret.KmsKeyId, or MasterUserPassword as {{resolve:secretsmanager:…}}. Never a literal password.',
  },
  {
    kind: 'resource',
    rule: RdsLogsExported,
    criteria: ['CC7.2'],
    rationale: 'Database logs reach CloudWatch Logs for monitoring (CC7.2).',
    severity: Severity.ERROR,
    finding: 'RDS database does not export its audit and error logs to CloudWatch Logs.',
    fix: 'Set cloudwatchLogsExports on the L2 (EnableCloudwatchLogsExports): [\'audit\', \'error\'] for MySQL, MariaDB and Aurora MySQL (with the audit plugin on), [\'postgresql\'] for PostgreSQL, [\'error\'] for SQL Server, [\'alert\', \'audit\'] for Oracle, [\'diag.log\'] for Db2.',
  },
];
