import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/*
 * Alerts go to a topic by its ARN, relying on the topic's own policy: a SecurityAlertTopic's
 * narrowed one, or an imported topic's, which must already let EventBridge and CloudWatch
 * publish (and use its key). `aws-events-targets`' SnsTopic would add unconditioned statements.
 */

/** Where alerts go, by ARN (`IAlertDestination`, restated here: security-alert-topic.ts imports this file). */
interface AlertDestination {
  readonly topicArn: string;
}

/** An EventBridge target sending matched events (or `message`) to the destination. */
export function alertTarget(destination: AlertDestination, message?: events.RuleTargetInput): events.IRuleTarget {
  const arn = destination.topicArn;
  return { bind: () => ({ arn, input: message }) };
}

/** A CloudWatch alarm action notifying the destination. */
export function alertAction(destination: AlertDestination): cloudwatch.IAlarmAction {
  const arn = destination.topicArn;
  return { bind: () => ({ alarmActionArn: arn }) };
}

/** An alarm (`DeadLetterAlarm` in `scope`) as soon as a message waits in a dead-letter queue. */
export function alarmOnDeadLetters(scope: Construct, queue: sqs.IQueue, description: string): cloudwatch.Alarm {
  return new cloudwatch.Alarm(scope, 'DeadLetterAlarm', {
    alarmDescription: description,
    metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: cloudwatch.Stats.MAXIMUM }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
}
