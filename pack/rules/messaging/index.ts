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
  {
    kind: 'resource',
    rule: SqsQueuePolicyNotPublic,
    criteria: ['CC6.1', 'CC6.6'],
    rationale: 'CC6.1 restricts logical access to information assets, and CC6.6 guards the system boundary: a queue anyone on the internet can read or write is neither.',
    severity: Severity.ERROR,
    finding: 'SQS queue policy allows any principal.',
    fix: 'Grant named principals (queue.grantSendMessages(role)) or, for a principal of *, add a condition such as aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID (queue.addToResourcePolicy with conditions; AWS::SQS::QueuePolicy PolicyDocument).',
  },
  {
    kind: 'resource',
    rule: SnsTopicPolicyNotPublic,
    criteria: ['CC6.1', 'CC6.6'],
    rationale: 'CC6.1 restricts logical access to information assets, and CC6.6 guards the system boundary: a topic anyone can publish to or subscribe to is neither.',
    severity: Severity.ERROR,
    finding: 'SNS topic policy allows any principal.',
    fix: 'Grant named principals (topic.grantPublish(role)) or, for a principal of *, add a condition such as aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID (topic.addToResourcePolicy with conditions; AWS::SNS::TopicPolicy PolicyDocument).',
  },
  {
    kind: 'resource',
    rule: SnsSubscriptionNoPlainHttp,
    criteria: ['CC6.7'],
    rationale: 'CC6.7 protects information in transmission: SNS delivers to an http endpoint in clear text.',
    severity: Severity.ERROR,
    finding: 'SNS subscription delivers messages over plain HTTP.',
    fix: 'Subscribe an https:// URL (new UrlSubscription(\'https://…\'), or protocol: SubscriptionProtocol.HTTPS; AWS::SNS::Subscription Protocol: https).',
  },
];
