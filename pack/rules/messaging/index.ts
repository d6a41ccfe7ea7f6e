import { PackRule, Severity } from '../../rule';
import { SecretKmsEncryption } from './SecretKmsEncryption';
import { SnsSubscriptionNoPlainHttp } from './SnsSubscriptionNoPlainHttp';
import { SnsTopicKmsEncryption } from './SnsTopicKmsEncryption';
import { SnsTopicPolicyNotPublic } from './SnsTopicPolicyNotPublic';
import { SqsQueueKmsEncryption } from './SqsQueueKmsEncryption';
import { SqsQueuePolicyNotPublic } from './SqsQueuePolicyNotPublic';

export const MESSAGING_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: SnsTopicKmsEncryption,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'Messages at rest are encrypted under a customer-managed key (CC6.1) and may carry confidential information (C1.1); encryption delivers no output, so PI1.4 is not cited.',
    reference: { check: 'prowler:sns_topics_kms_encryption_at_rest_enabled', criteria: ['CC6.1', 'CC6.2', 'PI1.4'] },
    severity: Severity.ERROR,
    finding: 'SNS topic is not encrypted with a customer-managed KMS key.',
    fix: 'Set masterKey on the L2 Topic (KmsMasterKeyId) to your own key, e.g. SecurityAlertTopic\'s PlatformKey; not alias/aws/sns, which CloudWatch alarms and EventBridge cannot use.',
  },
  {
    kind: 'resource',
    rule: SqsQueueKmsEncryption,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'Messages at rest are encrypted under a customer-managed key (CC6.1) and may carry confidential information (C1.1).',
    severity: Severity.ERROR,
    finding: 'SQS queue is not encrypted with a customer-managed KMS key.',
    fix: 'Set encryption: QueueEncryption.KMS and encryptionMasterKey on the L2 Queue (KmsMasterKeyId); SSE-SQS (QueueEncryption.SQS_MANAGED, the default) and KMS_MANAGED (alias/aws/sqs) do not count.',
  },
  {
    kind: 'resource',
    rule: SecretKmsEncryption,
    criteria: ['CC6.1'],
    rationale: 'Credentials are encrypted under a key whose use is access-controlled (CC6.1 protects credentials).',
    reference: { check: 'config:SECRETSMANAGER_USING_CMK', criteria: ['CC6.1'] },
    severity: Severity.ERROR,
    finding: 'Secrets Manager secret is not encrypted with a customer-managed KMS key.',
    fix: 'Set encryptionKey on the L2 Secret (KmsKeyId), and encryptionKey on each of its replicaRegions.',
  },
  {
    kind: 'resource',
    rule: SqsQueuePolicyNotPublic,
    criteria: ['CC6.1', 'CC6.6'],
    rationale: 'No queue policy lets anyone send or receive (CC6.1), from outside the boundary (CC6.6).',
    severity: Severity.ERROR,
    finding: 'SQS queue policy allows any principal.',
    fix: 'Grant named principals (queue.grantSendMessages(role)) or, for a principal of *, add a condition such as aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID (queue.addToResourcePolicy with conditions; AWS::SQS::QueuePolicy PolicyDocument).',
  },
  {
    kind: 'resource',
    rule: SnsTopicPolicyNotPublic,
    criteria: ['CC6.1', 'CC6.6'],
    rationale: 'No topic policy lets anyone publish or subscribe (CC6.1), from outside the boundary (CC6.6).',
    severity: Severity.ERROR,
    finding: 'SNS topic policy allows any principal.',
    fix: 'Grant named principals (topic.grantPublish(role)) or, for a principal of *, add a condition such as aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID (topic.addToResourcePolicy with conditions; AWS::SNS::TopicPolicy PolicyDocument).',
  },
  {
    kind: 'resource',
    rule: SnsSubscriptionNoPlainHttp,
    criteria: ['CC6.7'],
    rationale: 'Notifications are not delivered over plain HTTP (CC6.7 protects information in transmission).',
    severity: Severity.ERROR,
    finding: 'SNS subscription delivers messages over plain HTTP.',
    fix: 'Subscribe an https:// URL (new UrlSubscription(\'https://…\'), or protocol: SubscriptionProtocol.HTTPS; AWS::SNS::Subscription Protocol: https).',
  },
];
