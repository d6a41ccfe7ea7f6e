import { Annotations, Arn, ArnFormat, Aws, Duration, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as pipes from 'aws-cdk-lib/aws-pipes';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledgeForPlatform } from '../../core/acknowledgements';
import { awsSolutionsRuleId } from '../../core/nag-packs';
import { alarmOnDeadLetters, alertAction } from './alert-destination';

/*
 * SNS cannot subscribe one topic to another. An alert topic forwards to an existing topic through
 * a KMS-encrypted queue subscribed to it (raw delivery: the queue holds the alert text) and an
 * Amazon EventBridge pipe that publishes each message's body to the destination: no code, retried
 * by the pipe, and what fails five times waits in a dead-letter queue whose alarm reaches the
 * alert topic.
 */

const KEY_WILDCARD_REASON = 'The destination topic is one the app does not own, encrypted (or not) with a key it cannot name: the pipe may use keys of the destination\'s account and region only through SNS (kms:ViaService), to publish the alerts it forwards.';

/** The forwarding of an alert topic to one existing topic, in `scope` (children `DeadLetterQueue`, `Queue`, `Role`, `Policy`, `Pipe`). */
export function forwardAlerts(scope: Construct, source: { topic: sns.Topic; key: kms.IKey }, destinationArn: string): pipes.CfnPipe {
  const queueProps: sqs.QueueProps = { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: source.key, enforceSSL: true, retentionPeriod: Duration.days(14) };
  const deadLetters = new sqs.Queue(scope, 'DeadLetterQueue', { ...queueProps, redriveAllowPolicy: { redrivePermission: sqs.RedrivePermission.ALLOW_ALL } });
  const queue = new sqs.Queue(scope, 'Queue', { ...queueProps, deadLetterQueue: { queue: deadLetters, maxReceiveCount: 5 } });
  subscribe(scope, source, queue);
  alarmOnDeadLetters(scope, deadLetters,
    `cdk-soc2-ml: alerts could not be forwarded to ${destinationArn} (they wait in the dead-letter queue). Check that topic's policy and key let the forwarding pipe publish, then redrive the queue.`,
  ).addAlarmAction(alertAction({ topicArn: source.topic.topicArn }));

  const stack = Stack.of(scope);
  const destination = Token.isUnresolved(destinationArn) ? undefined : Arn.split(destinationArn, ArnFormat.COLON_RESOURCE_NAME);
  const policy = new iam.ManagedPolicy(scope, 'Policy', {
    description: `Forward the alert topic's messages to ${destinationArn}`,
    statements: [
      new iam.PolicyStatement({ sid: 'ReadAlerts', actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'], resources: [queue.queueArn] }),
      new iam.PolicyStatement({ sid: 'DecryptAlerts', actions: ['kms:Decrypt'], resources: [source.key.keyArn], conditions: { StringEquals: { 'kms:ViaService': `sqs.${Aws.REGION}.amazonaws.com` } } }),
      new iam.PolicyStatement({ sid: 'PublishAlerts', actions: ['sns:Publish'], resources: [destinationArn] }),
      new iam.PolicyStatement({
        sid: 'EncryptForwardedAlerts',
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [stack.formatArn({ service: 'kms', resource: 'key', resourceName: '*', account: destination?.account, region: destination?.region })],
        conditions: { StringEquals: { 'kms:ViaService': `sns.${destination?.region ?? Aws.REGION}.amazonaws.com` } },
      }),
    ],
  });
  acknowledgeForPlatform(policy, { id: awsSolutionsRuleId('IAM5', `Resource::arn:<AWS::Partition>:kms:${destination?.region ?? '<AWS::Region>'}:${destination?.account ?? '<AWS::AccountId>'}:key/*`), reason: KEY_WILDCARD_REASON });
  const role = new iam.Role(scope, 'Role', {
    description: `Assumed by the EventBridge pipe that forwards alerts to ${destinationArn}`,
    assumedBy: new iam.ServicePrincipal('pipes.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } } }),
    managedPolicies: [policy],
  });
  const pipe = new pipes.CfnPipe(scope, 'Pipe', {
    description: `cdk-soc2-ml: every alert of this topic, forwarded to ${destinationArn}`.slice(0, 512),
    roleArn: role.roleArn,
    source: queue.queueArn,
    sourceParameters: { sqsQueueParameters: { batchSize: 1 } },
    target: destinationArn,
    // The message as the alert topic received it, not the SQS record around it.
    targetParameters: { inputTemplate: '<$.body>' },
  });
  // The pipe checks at creation that its role may read the queue.
  pipe.node.addDependency(policy);
  return pipe;
}

/**
 * The queue's subscription, written out rather than with `SqsSubscription`: that one names the
 * topic in the key's policy, and the topic is encrypted with the same key, a circular dependency.
 * The key statement names this account's topics instead.
 */
function subscribe(scope: Construct, source: { topic: sns.Topic; key: kms.IKey }, queue: sqs.Queue): void {
  const snsPrincipal = new iam.ServicePrincipal('sns.amazonaws.com');
  queue.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowTheAlertTopic',
    principals: [snsPrincipal],
    actions: ['sqs:SendMessage'],
    resources: [queue.queueArn],
    conditions: { ArnEquals: { 'aws:SourceArn': source.topic.topicArn } },
  }));
  const keyStatement = source.key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowTopicsOfThisAccountToEncryptForQueues',
    principals: [snsPrincipal],
    actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
    resources: ['*'],
    conditions: { ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:sns:${Aws.REGION}:${Aws.ACCOUNT_ID}:*` } },
  }), true);
  if (!keyStatement.statementAdded) {
    Annotations.of(scope).addWarningV2('cdk-soc2-ml:alertForwardingKeyPolicy',
      'The alert topic\'s key is imported, so CDK cannot add the statement that lets SNS (sns.amazonaws.com, topics of this account) encrypt messages for the forwarding queue. Add kms:GenerateDataKey* and kms:Decrypt for it to the key policy, or no alert is forwarded.');
  }
  const subscription = new sns.Subscription(scope, 'Subscription', {
    topic: source.topic,
    protocol: sns.SubscriptionProtocol.SQS,
    endpoint: queue.queueArn,
    rawMessageDelivery: true,
  });
  // SNS can deliver from the first message only once the queue admits it.
  const queuePolicy = queue.node.tryFindChild('Policy');
  if (queuePolicy) {
    subscription.node.addDependency(queuePolicy);
  }
}
