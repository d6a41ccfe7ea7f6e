import { PackRule, Severity } from '../../rule';
import { DynamoDbDeletionProtection } from './DynamoDbDeletionProtection';
import { DynamoDbKmsEncryption } from './DynamoDbKmsEncryption';
import { DynamoDbPointInTimeRecovery } from './DynamoDbPointInTimeRecovery';

/** The DynamoDB rules (tables and global tables), with the criteria, words and severity the pack gives them. */
export const DYNAMODB_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: DynamoDbPointInTimeRecovery,
    criteria: ['A1.2'],
    rationale: 'The table can be restored to any second of the last 35 days (A1.2).',
    severity: Severity.ERROR,
    finding: 'DynamoDB table does not have point-in-time recovery.',
    fix: 'Set pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } on the L2 Table or TableV2 (and on any TableV2 replica that overrides it); PointInTimeRecoverySpecification PointInTimeRecoveryEnabled true on CfnTable, on every replica of CfnGlobalTable.',
  },
  {
    kind: 'resource',
    rule: DynamoDbKmsEncryption,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'Items are encrypted under a customer-managed key (CC6.1, C1.1).',
    severity: Severity.ERROR,
    finding: 'DynamoDB table is not encrypted with a customer-managed KMS key.',
    fix: 'Set encryption: TableEncryption.CUSTOMER_MANAGED with encryptionKey on the L2 Table, or encryption: TableEncryptionV2.customerManagedKey(key, replicaKeyArns) on TableV2; i.e. SSESpecification SSEEnabled true, SSEType KMS and KMSMasterKeyId (on CfnGlobalTable, KMSMasterKeyId in each replica\'s SSESpecification). AWS_MANAGED and the default AWS-owned key do not count.',
  },
  {
    kind: 'resource',
    rule: DynamoDbDeletionProtection,
    criteria: ['A1.2'],
    rationale: 'The table cannot be deleted by accident (A1.2); it protects no confidentiality (C1.1).',
    severity: Severity.ERROR,
    finding: 'DynamoDB table does not have deletion protection.',
    fix: 'Set deletionProtection: true on the L2 Table or TableV2 (DeletionProtectionEnabled true on CfnTable, on every replica of CfnGlobalTable). For a non-production table, acknowledge Soc2Ml::DynamoDbDeletionProtection with that reason instead.',
  },
];
