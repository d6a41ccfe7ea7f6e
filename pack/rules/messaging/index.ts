import { PackRule, Severity } from '../../rule';
import { SecretKmsEncryption } from './SecretKmsEncryption';
import { SnsTopicKmsEncryption } from './SnsTopicKmsEncryption';
import { SqsQueueKmsEncryption } from './SqsQueueKmsEncryption';

export const MESSAGING_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: SnsTopicKmsEncryption,
    criteria: ['CC6.1', 'CC6.2', 'PI1.4'],
    severity: Severity.ERROR,
    finding: 'SNS topic is not encrypted with a customer-managed KMS key.',
    fix: 'Set masterKey on the L2 Topic (KmsMasterKeyId) to your own key, e.g. SecurityAlertTopic\'s PlatformKey; not alias/aws/sns, which CloudWatch alarms and EventBridge cannot use.',
  },
  {
    kind: 'resource',
    rule: SqsQueueKmsEncryption,
    // No row of the mapping covers SQS; an auditor treats a queue's messages like an SNS
    // topic's, so the criteria of the SNS row apply.
    criteria: ['CC6.1', 'CC6.2', 'PI1.4'],
    severity: Severity.ERROR,
    finding: 'SQS queue is not encrypted with a customer-managed KMS key.',
    fix: 'Set encryption: QueueEncryption.KMS and encryptionMasterKey on the L2 Queue (KmsMasterKeyId); SSE-SQS (QueueEncryption.SQS_MANAGED, the default) and KMS_MANAGED (alias/aws/sqs) do not count.',
  },
  {
    kind: 'resource',
    rule: SecretKmsEncryption,
    criteria: ['CC6.1'],
    severity: Severity.ERROR,
    finding: 'Secrets Manager secret is not encrypted with a customer-managed KMS key.',
    fix: 'Set encryptionKey on the L2 Secret (KmsKeyId), and encryptionKey on each of its replicaRegions.',
  },
];
